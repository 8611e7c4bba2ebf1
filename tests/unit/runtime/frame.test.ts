// The frame's miniframes header groups consecutive slides by section (src/runtime/frame.ts).
import { describe, expect, it } from 'vitest'
import { groupSlides } from '../../../src/runtime/frame.ts'

/** Just what groupSlides reads of a slide element. */
const slides = (...sections: (string | undefined)[]): HTMLElement[] =>
  sections.map((section) => ({ dataset: section ? { section } : {} }) as unknown as HTMLElement)

const shape = (groups: ReturnType<typeof groupSlides>): [string, number[]][] =>
  groups.map((g) => [g.name, g.slides.map((s) => s.index)])

describe('groupSlides', () => {
  it('groups consecutive slides of a section, keeping each slide index', () => {
    expect(shape(groupSlides(slides('A', 'A', 'B', 'B', 'B'), 'Deck'))).toEqual([
      ['A', [0, 1]],
      ['B', [2, 3, 4]],
    ])
  })

  it('leaves out slides before the first section (the title slide)', () => {
    expect(shape(groupSlides(slides(undefined, 'A', 'A'), 'Deck'))).toEqual([['A', [1, 2]]])
  })

  it('starts a new group when a section comes back later', () => {
    expect(shape(groupSlides(slides('A', 'B', 'A'), 'Deck'))).toEqual([
      ['A', [0]],
      ['B', [1]],
      ['A', [2]],
    ])
  })

  it('puts every slide in one group named after the deck when no slide has a section', () => {
    expect(shape(groupSlides(slides(undefined, undefined), 'Deck'))).toEqual([['Deck', [0, 1]]])
    expect(groupSlides([], 'Deck')).toEqual([])
  })
})
