// The math guard's helpers: TeX tokens, where a runaway expansion is reported, the Proxy's budget.
import katex from 'katex'
import { describe, expect, it } from 'vitest'
import {
  commandOffsets,
  ExpansionTooLarge,
  FORMULA_STEPS,
  guardFormula,
  lastMacroUse,
  texTokens,
} from '../../../src/untrusted/tex.ts'

describe('texTokens', () => {
  it('reads control words, control symbols and characters, and drops comments', () => {
    expect(texTokens('\\a\\\\b% c\n\\{x').map((t) => t.text)).toEqual([
      '\\a',
      '\\\\',
      'b',
      '\n',
      '\\{',
      'x',
    ])
  })
})

describe('commandOffsets', () => {
  it('finds a command, not letters after `\\\\` nor a longer name', () => {
    expect(commandOffsets('\\href{a}\\\\href \\hrefx \\href', '\\href')).toEqual([0, 22])
  })
})

describe('lastMacroUse', () => {
  it('skips names being defined', () => {
    const tex = '\\def\\a{x}\\newcommand{\\b}{y}\\let\\c\\a \\b'
    expect(lastMacroUse(tex, tex.length)).toBe(tex.lastIndexOf('\\b'))
  })

  it('prefers a use at the brace depth KaTeX had read to', () => {
    const tex = '\\d{\\d{\\d{x}}}'
    expect(lastMacroUse(tex, tex.length)).toBe(0)
    expect(lastMacroUse('x^{\\c}', 5)).toBe(3)
  })

  it('is 0 without a macro use', () => {
    expect(lastMacroUse('x + y', 5)).toBe(0)
  })
})

describe('guardFormula', () => {
  it('passes reads and writes through, so \\gdef defines for later formulas', () => {
    const macros: Record<string, unknown> = {}
    const guard = guardFormula('\\gdef\\R{\\mathbb{R}}', macros)
    katex.renderToString('\\gdef\\R{\\mathbb{R}}', { macros: guard.macros as never })
    expect(Object.keys(macros)).toEqual(['\\R'])
  })

  it('throws ExpansionTooLarge at the use once the formula spends its steps', () => {
    const tex = 'y + \\a'
    const guard = guardFormula(tex, { '\\a': '\\a x' })
    let thrown: unknown
    try {
      katex.renderToString(tex, { macros: guard.macros as never, maxExpand: FORMULA_STEPS * 10 })
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(ExpansionTooLarge)
    expect((thrown as ExpansionTooLarge).position).toBe(4)
    expect((thrown as ExpansionTooLarge).limit).toBe('formula')
  })

  it('restore() puts back the macros a failed formula changed', () => {
    const macros: Record<string, unknown> = { '\\R': 'R' }
    const guard = guardFormula('', macros)
    macros['\\R'] = 'changed'
    macros['\\new'] = 'x'
    guard.restore()
    expect(macros).toEqual({ '\\R': 'R' })
  })

  it('records the untrusted commands KaTeX asks about, and trusts none', () => {
    const guard = guardFormula('', {})
    expect(guard.trust({ command: '\\href' })).toBe(false)
    expect(guard.untrusted).toEqual(['\\href'])
  })
})
