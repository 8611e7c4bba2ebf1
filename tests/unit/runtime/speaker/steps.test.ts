// Moving through the talk without the deck window (src/runtime/speaker/steps.ts): fragments
// first, then the slide, as the deck itself answers.
import { describe, expect, it } from 'vitest'
import type { StateMessage } from '../../../../src/runtime/speaker/protocol.ts'
import { localStep } from '../../../../src/runtime/speaker/steps.ts'

const slides = [
  { id: 'a', fragments: 0 },
  { id: 'b', fragments: 2 },
  { id: 'c', fragments: 0 },
]
const at = (index: number, fragment = -1): StateMessage => ({
  type: 'deck:state',
  id: slides[index]!.id,
  index,
  total: slides.length,
  fragment,
  fragments: slides[index]!.fragments,
})
const where = (s: StateMessage): string => `${s.id}/${s.fragment}`

describe('localStep', () => {
  it('next: through each fragment of the slide, then to the next slide', () => {
    const path = [at(0)]
    for (let i = 0; i < 5; i++) path.push(localStep(path.at(-1)!, slides, 'next'))
    expect(path.map(where)).toEqual(['a/-1', 'b/-1', 'b/0', 'b/1', 'c/-1', 'c/-1'])
  })

  it('prev: back through the fragments, then to the previous slide, never before the first', () => {
    const path = [at(1, 1)]
    for (let i = 0; i < 4; i++) path.push(localStep(path.at(-1)!, slides, 'prev'))
    expect(path.map(where)).toEqual(['b/1', 'b/0', 'b/-1', 'a/-1', 'a/-1'])
  })

  it('first and last jump to the ends with no fragment shown', () => {
    expect(where(localStep(at(1, 0), slides, 'first'))).toBe('a/-1')
    expect(where(localStep(at(0), slides, 'last'))).toBe('c/-1')
    expect(localStep(at(0), slides, 'last').fragments).toBe(0)
  })
})
