// Robustness: random and adversarial Markdown, front matter and TeX never make the compiler throw
// or hang; every diagnostic points at a real place in its file.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { Diagnostic } from '../../src/compiler/diagnostics.ts'
import { compileText } from '../helpers/deck.ts'
import { cpuNow } from '../helpers/cpu.ts'

// Hundreds of generated inputs per property: the bound per input is checked inside.
vi.setConfig({ testTimeout: 120_000 })

/** Pieces that exercise every syntax the compiler knows, and its edges. */
const PIECES = [
  '$',
  '$$',
  '\\$',
  '\\\\',
  '\\frac{',
  '}',
  '{',
  '^',
  '_',
  '*',
  '`',
  '```',
  '~~~',
  '---',
  '--',
  ':::',
  '::::',
  ' notes',
  ' columns',
  ' column',
  '{.fragment}',
  '{#id}',
  '{.cite}',
  '<!--',
  '-->',
  '<!-- .slide: id="x" -->',
  '<!-- .element: class="fragment" -->',
  '<div>',
  '</div>',
  '> ',
  '- ',
  '1. ',
  '| a | b |',
  '|---|---|',
  '# ',
  '## ',
  '![',
  '](',
  ')',
  '[',
  ']',
  '(#/x)',
  '{{< include x.md >}}',
  '\n',
  '\n\n',
  ' ',
  '\t',
  'x',
  'é',
  '😀',
  '\u0000',
  '\r\n',
  'title: T',
  'section: S',
]

const markdown = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((p) => p.join(''))
const anyText = fc.string({ unit: 'binary', maxLength: 300 })
const yaml = fc
  .array(
    fc.constantFrom(
      'title: ',
      'date: 2025-13-45',
      'section: ',
      'paper:',
      '  url: x',
      '- ',
      '[',
      '"',
      ': ',
      'x',
      '\n',
      '  ',
      '&a',
      '*a',
      '!!str',
      '{',
    ),
    { maxLength: 30 },
  )
  .map((p) => p.join(''))

/** Every diagnostic is inside its file: a real line, a column within that line. */
function checkPositions(files: Record<string, string>, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const name = Object.keys(files).find((n) => d.file === `deck/${n}`)
    if (!name) continue // deck-level diagnostics name the folder
    const lines = files[name]!.replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .split('\n')
    expect(d.line, `${d.file}:${d.line}`).toBeGreaterThanOrEqual(1)
    expect(d.line, `${d.file}:${d.line}`).toBeLessThanOrEqual(lines.length)
    expect(d.column).toBeGreaterThanOrEqual(0)
    expect(d.column, `${d.file}:${d.line}:${d.column}`).toBeLessThanOrEqual(
      lines[d.line - 1]!.length,
    )
  }
}

function compileBounded(files: Record<string, string>): void {
  const started = cpuNow()
  const result = compileText(files)
  const ms = cpuNow() - started
  expect(ms, 'one input must not take seconds (hang guard, not a benchmark)').toBeLessThan(3000)
  checkPositions(files, result.diagnostics)
}

describe('the compiler on random input', () => {
  it('never throws on random Markdown built from its own syntax', () => {
    fc.assert(
      fc.property(markdown, markdown, (a, b) =>
        compileBounded({ '01.md': `---\ntitle: T\n---\n${a}`, '02.md': b }),
      ),
      { numRuns: 300 },
    )
  })

  it('never throws on arbitrary text, front matter or TeX', () => {
    fc.assert(
      fc.property(anyText, yaml, anyText, (text, fm, tex) =>
        compileBounded({
          '01.md': `---\n${fm}\n---\n${text}`,
          '02.md': `## M\n\n$${tex}$\n\n$$\n${tex}\n$$\n`,
        }),
      ),
      { numRuns: 300 },
    )
  })
})

describe('the compiler on hostile input', () => {
  const cases: Record<string, string> = {
    'deep block quotes': `${'>'.repeat(10_000)} deep`,
    'deep lists': Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
    'deep containers': `${':::: columns\n'.repeat(2_000)}x`,
    'bracket storm': '['.repeat(10_000),
    'dollar storm': '$'.repeat(10_000),
    'brace storm in math': `$${'{'.repeat(5_000)}$`,
    'separator storm': '\n\n---\n\n'.repeat(2_000),
    'backslash storm': '\\'.repeat(10_000),
    'unclosed everything': '```\n$$\n:::\n<!--\n[\n{\n',
    'macro bomb':
      '$\\def\\a{\\b\\b}\\def\\b{\\c\\c}\\def\\c{\\d\\d}\\def\\d{xxxxxxxxxx}\\a\\a\\a\\a\\a$',
  }
  for (const [name, body] of Object.entries(cases)) {
    it(`${name}: diagnostics or slides, quickly`, () => {
      const files = { '01.md': `---\ntitle: T\n---\n${body}` }
      const started = cpuNow()
      const result = compileText(files)
      expect(cpuNow() - started).toBeLessThan(5000)
      checkPositions(files, result.diagnostics)
      expect(result.deck.slides.length + result.diagnostics.length).toBeGreaterThan(0)
    })
  }

  it('compiles a 5 MB slide file, and stops its 100 MB page at the budgets', () => {
    const paragraph = 'The base model solves $x_i^2$ problems and **more** text. '.repeat(20)
    const body = Array.from(
      { length: Math.ceil(5_000_000 / paragraph.length / 2) },
      () => paragraph,
    ).join('\n\n')
    expect(body.length).toBeGreaterThan(2_400_000)
    const text = `---\ntitle: T\n---\n## Big\n\n${body}\n\n---\n\n${body}`
    expect(text.length).toBeGreaterThan(4_900_000)
    const started = cpuNow()
    const result = compileText({ '01.md': text })
    expect(cpuNow() - started).toBeLessThan(60_000)
    // Each slide builds into about 50 MB of HTML: over the page's and each slide's budget.
    expect(result.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([
      '4 budget-page-bytes',
      '4 budget-slide-elements',
      '4319 budget-slide-elements',
    ])
    expect(result.deck.slides.length).toBe(2)
  }, 120_000)
})
