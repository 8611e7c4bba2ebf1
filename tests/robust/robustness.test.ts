// Robustness: odd and hostile input never throws and never hangs; problems come back as diagnostics.
import { describe, expect, it } from 'vitest'
import { compileText, formatAll } from '../helpers/deck.ts'
import { cpuNow } from '../helpers/cpu.ts'

const TITLE = '---\ntitle: T\n---\n'
/** A hang guard, not a benchmark: each input takes a few milliseconds to a few hundred. */
const LIMIT_MS = 5000

const nested = (depth: number, line: (i: number) => string): string =>
  Array.from({ length: depth }, (_, i) => line(i)).join('\n')

/** Inputs for a slide file's body (front matter with a title is prepended). */
const BODIES: Record<string, string> = {
  'a lone dollar': '$',
  'lone double dollars': '$$',
  'three dollars': '$$$',
  'a storm of $$': '$$'.repeat(5000),
  'a storm of $$ lines': '$$\n'.repeat(2000),
  'a storm of $x': '$x '.repeat(5000),
  'dollar-space pairs': '$ $'.repeat(5000),
  'backslash-dollar storm': '\\$'.repeat(5000) + '$',
  'unclosed display math at the end': '# A\n\n$$\n\\frac{1}{2',
  'display math never closed over many lines': '$$\n' + 'x + y\n'.repeat(5000),
  '2,000 nested block quotes': '>'.repeat(2000) + ' deep $x$',
  '2,000 block quote lines, nested one more each': nested(2000, (i) => '>'.repeat(i + 1) + ' q'),
  '1,000 nested lists': nested(1000, (i) => ' '.repeat(2 * i) + '- item $x_' + i + '$'),
  '10,000 [': '['.repeat(10000),
  '10,000 [ then ](': '['.repeat(10000) + '](' + ')'.repeat(10000),
  '10,000 *': '*'.repeat(10000) + 'a' + '_'.repeat(10000),
  '10,000 backticks': '`'.repeat(10000),
  '10,000 {': '{'.repeat(10000) + ' {.x}',
  '10,000 <': '<'.repeat(10000) + '!--',
  'many attribute blocks': 'a {.b} {#c} {.d}\n'.repeat(2000),
  'empty heading id': '# x {#}\n\n## {#y}',
  'nested containers 500 deep': nested(500, (i) => ':'.repeat(503 - i) + ' notes'),
  'containers never closed': '::: notes\n:::: columns\n::: column\n$x$',
  'unclosed everything': '```\n$$\n::: notes\n<!--\n[a](\n> $x\n| a |\n|---|\n| $\\foo',
  'an unclosed comment and a fence': '<!--\n```\n---\n',
  'an unclosed fence with separators inside': '```\n\n---\n\n'.repeat(500),
  'many separators': '\n---\n\n'.repeat(5000),
  'many empty slides': '---\n\n'.repeat(3000),
  'a table of 500 columns':
    '|a'.repeat(500) + '|\n' + '|-'.repeat(500) + '|\n' + '|$x$'.repeat(500),
  'many table rows with math': '| a | b |\n|---|---|\n' + '| $x$ | $\\foo$ |\n'.repeat(1000),
  'a 500 kB paragraph with 1,000 formulas': 'word '.repeat(100000) + '$x_1$ '.repeat(1000),
  'many .element comments': '- a <!-- .element: class="fragment" -->\n'.repeat(2000),
  'many .slide comments': '<!-- .slide: class="x" data-a="1" -->\n'.repeat(3000),
  'a .slide comment with an empty id': '<!-- .slide: id="" -->\n# A',
  'bad .slide comments': '<!-- .slide: = "" \'\' onclick -->\n<!-- .element: -->\n<!-- .slide -->',
  'KaTeX macro recursion': '$\\def\\a{\\a}\\a$ and $\\gdef\\b{\\b\\b}\\b$',
  'KaTeX deep braces': '$' + '{'.repeat(3000) + 'x' + '}'.repeat(3000) + '$',
  'KaTeX huge sizes': '$\\rule{100000em}{100000em}$ $\\kern{99999em}$',
  'KaTeX trust-only commands': '$\\href{javascript:alert(1)}{x}$ $\\includegraphics{x.png}$',
  'KaTeX unknown environment': '$$\n\\begin{nope}\nx\n\\end{nope}\n$$',
  'images with odd sources': '![a](%) ![b](</../../../etc/passwd>) ![c](//x) ![d]() ![](<>)',
  'NUL, BOM and line separators': '\u0000 $x\u0000$ \uFEFF# A\u2028$y$\u2029\r\r\n',
  'lone surrogates': 'a \uD800 $\uDC00$ b',
  'front-matter-like lines later': '---\ntitle: [\n---\n...\n---',
  'heading made of math only': '# $\\foo$\n\n## $$',
}

/** Whole files, front matter included. */
const FILES: Record<string, string> = {
  'unclosed front matter': '---\ntitle: T\n$$\n```',
  'front matter that is a list': '---\n- a\n---\n# A',
  'front matter with anchors and aliases': '---\na: &a [*a, *a]\ntitle: *a\n---\n# A',
  'a YAML billion laughs': `---\n${laughs()}title: T\n---\n# A`,
  'a huge YAML file': `---\ntitle: T\n${Array.from({ length: 2000 }, (_, i) => `k${i}: v\n`).join('')}---\n# A`,
  'only dashes': '---\n---\n---\n---',
  'empty file': '',
  'only a BOM': '\uFEFF',
}

function laughs(): string {
  let yaml = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for (let i = 1; i < 9; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')
    yaml += `a${i}: &a${i} [${refs}]\n`
  }
  return yaml
}

function compileTimed(files: Record<string, string>): ReturnType<typeof compileText> {
  const start = cpuNow()
  const result = compileText(files)
  expect(cpuNow() - start).toBeLessThan(LIMIT_MS)
  expect(() => formatAll(result)).not.toThrow()
  const ids = result.deck.slides.map((s) => s.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids.filter((id) => !/^\S+$/.test(id))).toEqual([])
  return result
}

describe('the compiler never throws or hangs, and keeps slide ids unique', () => {
  for (const [name, body] of Object.entries(BODIES)) {
    it(`on ${name}`, () => {
      compileTimed({ '01.md': TITLE + body })
    })
  }
  for (const [name, text] of Object.entries(FILES)) {
    it(`on a file with ${name}`, () => {
      compileTimed({ '01.md': text })
    })
  }

  it('and returns diagnostics for what is unclosed', () => {
    const result = compileTimed({ '01.md': TITLE + BODIES['unclosed everything']! })
    expect(result.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['unclosed-fence']),
    )
    const math = compileTimed({ '01.md': TITLE + BODIES['unclosed display math at the end']! })
    expect(math.diagnostics.map((d) => d.code)).toContain('unclosed-math')
  })
})
