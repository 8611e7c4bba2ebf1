// The symbols the text face's subsets lack, found from the faces' unicode-range (src/runtime/fonts.ts).
import { describe, expect, it } from 'vitest'
import { inUnicodeRange, uncovered } from '../../../src/runtime/fonts.ts'

const LATIN = 'U+0000-00FF, U+0131, U+2000-206F, U+2212'
const GREEK = 'U+0370-0377, U+03A3-03FF'
const face = (family: string, unicodeRange: string): FontFace =>
  ({ family, unicodeRange }) as FontFace

describe('inUnicodeRange', () => {
  it('reads single code points and ranges', () => {
    expect(inUnicodeRange(LATIN, 0x41)).toBe(true)
    expect(inUnicodeRange(LATIN, 0x131)).toBe(true)
    expect(inUnicodeRange(LATIN, 0x2014)).toBe(true)
    expect(inUnicodeRange(LATIN, 0x2192)).toBe(false)
    expect(inUnicodeRange(LATIN, 0x2213)).toBe(false)
  })
})

describe('uncovered', () => {
  const faces = [
    face('"Inter Variable"', LATIN),
    face('Inter Variable', GREEK),
    face('X', 'U+2192'),
  ]
  it('lists the characters no face of the family covers, once each', () => {
    expect(uncovered('A → π ∈ → —', 'Inter Variable', faces)).toBe('→∈')
  })
  it('is empty when every character is covered, or the family has no face', () => {
    expect(uncovered('Aπ — x', 'Inter Variable', faces)).toBe('')
    expect(uncovered('→', 'Missing', faces)).toBe('')
  })
})
