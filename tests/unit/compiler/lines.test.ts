// The one offset <-> line helper of the compiler (src/compiler/diagnostics.ts).
import { describe, expect, it } from 'vitest'
import { lineAt, lineOffset, offsetToLineCol } from '../../../src/compiler/diagnostics.ts'

const text = 'one\n\nthree\nfour'

describe('lines of a text', () => {
  it('gives the offset each 0-based line starts at, the end for a line past it', () => {
    expect([0, 1, 2, 3, 4, 9].map((l) => lineOffset(text, l))).toEqual([0, 4, 5, 11, 15, 15])
    expect(lineOffset('', 0)).toBe(0)
  })

  it("gives a line's text without its newline, and where it starts", () => {
    expect(lineAt(text, 0)).toEqual({ start: 0, text: 'one' })
    expect(lineAt(text, 1)).toEqual({ start: 4, text: '' })
    expect(lineAt(text, 3)).toEqual({ start: 11, text: 'four' })
    expect(lineAt(text, 7)).toEqual({ start: 15, text: '' })
  })

  it('maps an offset back to the line and column it came from', () => {
    for (let line = 0; line < 4; line++) {
      const { start, text: own } = lineAt(text, line)
      for (let column = 0; column <= own.length; column++)
        expect(offsetToLineCol(text, start + column)).toEqual({ line, column })
    }
    expect(offsetToLineCol(text, 99)).toEqual({ line: 3, column: 4 })
  })
})
