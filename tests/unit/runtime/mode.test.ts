// Which view a URL asks for, and when reveal.js picks the reading view on its own (src/runtime/mode.ts).
import { describe, expect, it } from 'vitest'
import {
  forcedPresent,
  isNarrow,
  pageMode,
  SCROLL_ACTIVATION_WIDTH,
  SLIDE_MARGIN,
} from '../../../src/runtime/mode.ts'

const at = (search: string): { search: string } => ({ search })

describe('pageMode', () => {
  it.each([
    ['', 'present'],
    ['?view=present', 'present'],
    ['?view=scroll', 'read'],
    ['?view=scroll&handout', 'read'],
    ['?print-pdf', 'print'],
    ['?print-pdf&notes', 'print'],
    ['?view=print', 'print'],
    ['?view=speaker', 'speaker'],
    ['?receiver', 'preview'],
    // The speaker view wins over a preview flag; a preview is never printed.
    ['?view=speaker&receiver', 'speaker'],
    ['?receiver&print-pdf', 'preview'],
    ['?view=unknown', 'present'],
  ])('%s -> %s', (search, mode) => {
    expect(pageMode(at(search))).toBe(mode)
  })
})

describe('narrow screens', () => {
  it('switches to reading exactly where reveal.js does (width less its margin)', () => {
    const edge = SCROLL_ACTIVATION_WIDTH / (1 - SLIDE_MARGIN)
    expect(isNarrow(390)).toBe(true)
    expect(isNarrow(Math.floor(edge))).toBe(true)
    expect(isNarrow(Math.ceil(edge) + 1)).toBe(false)
    expect(isNarrow(1280)).toBe(false)
  })

  it('keeps the presentation when the URL asks for it', () => {
    expect(forcedPresent(at('?view=present'))).toBe(true)
    expect(forcedPresent(at('?view=scroll'))).toBe(false)
    expect(forcedPresent(at(''))).toBe(false)
  })
})
