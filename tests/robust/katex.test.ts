// KaTeX hostile input: pathological macros fail fast at file:line:column; untrusted commands are
// errors, never red text; KaTeX's own test formulas render or fail with a positioned diagnostic.
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MAX_MACRO_LENGTH, MAX_MACROS } from '../../src/compiler/frontmatter.ts'
import { DECK_STEPS, FORMULA_STEPS, UNTRUSTED_COMMANDS } from '../../src/untrusted/index.ts'
import { compileText, formatAll, ROOT } from '../helpers/deck.ts'
import { cpuNow } from '../helpers/cpu.ts'

/** A generous bound: the brief is "well under 5 s"; each case below measures tens of ms. */
const LIMIT_MS = 5000
const TITLE = '---\ntitle: T\n---\n'

/** Compiles one file, asserting the time, no throw and no red KaTeX text in the output. */
function compileTimed(text: string): {
  ms: number
  out: string
  html: string
  codes: string[]
  result: ReturnType<typeof compileText>
} {
  const start = cpuNow()
  const result = compileText({ '01.md': text })
  const ms = cpuNow() - start
  expect(ms).toBeLessThan(LIMIT_MS)
  const html = result.deck.slides.map((s) => s.html).join('\n')
  expect(html).not.toMatch(/deck-refused|#cc0000|katex-error/i)
  const out = formatAll(result)
  expect(out).not.toMatch(/\n\s+at /) // no stack trace
  return { ms, out, html, result, codes: result.diagnostics.map((d) => d.code) }
}

/** Front matter whose macros are YAML double-quoted strings (backslashes doubled). */
const withMacros = (macros: Record<string, string>, body: string): string => {
  const yaml = Object.entries(macros)
    .map(([k, v]) => `  "${k.replaceAll('\\', '\\\\')}": "${v.replaceAll('\\', '\\\\')}"`)
    .join('\n')
  return `---\ntitle: T\nmacros:\n${yaml}\n---\n${body}\n`
}

const TOO_LARGE = (line: number, col: number, why = `more than 5,000 steps in this formula`) =>
  `deck/01.md:${line}:${col}: error: KaTeX: macro expansion too large (${why}) [katex-too-large]`

describe('pathological macros fail fast with a positioned katex-too-large', () => {
  const timings: Record<string, number> = {}
  afterEach(() => vi.restoreAllMocks())

  it('4 KB of wide front-matter macros (once past 60 s)', () => {
    // Each level is 495 uses of the one below, under the length limit: 990 x 495^3 tokens in all.
    const macros = {
      '\\a': 'x'.repeat(990),
      '\\b': '\\a'.repeat(495),
      '\\c': '\\b'.repeat(495),
      '\\d': '\\c'.repeat(495),
    }
    const text = withMacros(macros, 'So $y + \\d$ here.')
    expect(text.length).toBeGreaterThan(4000)
    const { ms, out } = compileTimed(text)
    timings.wide = ms
    expect(out).toBe(TOO_LARGE(9, 9))
  })

  it('exponential \\def nesting inside a formula', () => {
    const names = 'abcdefghijklmnopqrst'.split('')
    const defs = names
      .map((n, i) =>
        i === 0 ? `\\def\\${n}{xx}` : `\\def\\${n}{\\${names[i - 1]}\\${names[i - 1]}}`,
      )
      .join('')
    const body = `$${defs} \\t$`
    const { ms, out } = compileTimed(TITLE + body)
    timings.def = ms
    expect(out).toBe(TOO_LARGE(4, body.indexOf('\\t$') + 1))
  })

  it('argument doubling: \\newcommand\\d[1]{#1#1}\\d{\\d{\\d{…}}}', () => {
    const body = `$\\newcommand\\d[1]{#1#1}${'\\d{'.repeat(40)}x${'}'.repeat(40)}$`
    const { ms, out } = compileTimed(TITLE + body)
    timings.doubling = ms
    // At the outer use, whose argument KaTeX read whole before expanding it.
    expect(out).toBe(TOO_LARGE(4, body.indexOf('}\\d{') + 2))
  })

  it('a front-matter macro with an argument, doubling', () => {
    const text = withMacros({ '\\twice': '#1#1' }, `$${'\\twice{'.repeat(30)}y${'}'.repeat(30)}$`)
    const { ms, out } = compileTimed(text)
    timings.fmDoubling = ms
    expect(out).toBe(TOO_LARGE(6, 2))
  })

  it('\\gdef loops, in one formula and across formulas', () => {
    const body = ['$\\gdef\\a{\\a}\\a$', '', '$\\gdef\\b{\\c}\\gdef\\c{\\b}$ then $x + \\b$'].join(
      '\n',
    )
    const { ms, out } = compileTimed(TITLE + body)
    timings.gdef = ms
    expect(out).toBe([TOO_LARGE(4, 13), TOO_LARGE(6, 36)].join('\n'))
  })

  it('linearly many \\edef doublings', () => {
    const body = `$\\def\\a{x}${'\\edef\\a{\\a\\a}'.repeat(30)}\\a$`
    const { ms, codes } = compileTimed(TITLE + body)
    timings.edef = ms
    expect(codes).toEqual(['katex-too-large'])
  })

  it('many formulas each under the formula budget meet the deck budget', () => {
    // 4,000 tokens a formula: under FORMULA_STEPS, but 100 of them pass DECK_STEPS.
    const macros = { '\\w': 'x'.repeat(800), '\\v': '\\w'.repeat(5) }
    const perFormula = 4000
    expect(perFormula).toBeLessThan(FORMULA_STEPS)
    const lines = Array.from({ length: 100 }, (_, i) => `$\\v_{${i}}$`)
    const { ms, result } = compileTimed(withMacros(macros, lines.join('\n\n')))
    timings.deck = ms
    const tooLarge = result.diagnostics.filter((d) => d.code === 'katex-too-large')
    expect(tooLarge.length).toBeGreaterThan(0)
    expect(tooLarge[0]!.message).toContain(`together take more than`)
    // The first formula to fail is the one that crossed the deck budget, not an earlier one.
    const first = tooLarge[0]!.line - 7
    expect(first * perFormula).toBeGreaterThan(DECK_STEPS * 0.8)
  })

  it('a formula past its deadline fails with the time named (CPU clock mocked)', () => {
    // Each reading of the CPU clock moves it 2 s on: the first check, 256 steps in, is past the
    // deadline. The wall clock is left alone: a busy machine stretches it, not the CPU time.
    let now = 0
    vi.spyOn(process, 'cpuUsage').mockImplementation(() => ({
      user: (now += 2_000_000),
      system: 0,
    }))
    const result = compileText({ '01.md': TITLE + '$\\frac{a}{b}' + ' + x'.repeat(400) + '$' })
    expect(formatAll(result)).toBe(TOO_LARGE(4, 2, 'more than 1 s in this formula'))
  })

  it('a failed formula leaves the deck macros as they were; \\gdef still works', () => {
    const body = [
      '$\\gdef\\R{\\mathbb{R}}$',
      '',
      '$\\gdef\\R{\\mathrm{bad}}\\gdef\\a{\\a\\a}\\a$',
      '',
      '$x \\in \\R$',
    ].join('\n')
    const { out, html } = compileTimed(TITLE + body)
    expect(out).toBe(TOO_LARGE(6, body.split('\n')[2]!.indexOf('\\a$') + 1))
    const last = html.slice(html.lastIndexOf('<p>'))
    expect(last).toContain('<annotation encoding="application/x-tex">x \\in \\R</annotation>')
    expect(last).toContain('<span class="mord mathbb">R</span>')
    expect(last).not.toContain('bad')
  })

  it('all of them well under the limit', () => {
    console.log(
      'katex-too-large cases (ms):',
      JSON.stringify(timings, (_, v: number) => v),
    )
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(LIMIT_MS)
  })
})

describe('front-matter macros are bounded in count and length, at the key', () => {
  it(`more than ${MAX_MACROS} macros`, () => {
    // Macro names are letters only: count in base 26 written a-z.
    const names = Array.from({ length: MAX_MACROS + 1 }, (_, i) =>
      i
        .toString(26)
        .split('')
        .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
        .join(''),
    )
    const text = withMacros(Object.fromEntries(names.map((n) => [`\\m${n}`, 'x'])), '$x$')
    expect(new Set(names).size).toBe(MAX_MACROS + 1)
    expect(formatAll(compileText({ '01.md': text }))).toBe(
      `deck/01.md:${4 + MAX_MACROS}:3: error: \`macros\` defines ${MAX_MACROS + 1} macros; at most ${MAX_MACROS} are allowed [front-matter-limit]`,
    )
  })

  it(`a macro longer than ${MAX_MACRO_LENGTH} characters`, () => {
    const text = withMacros({ '\\ok': 'y', '\\long': 'x'.repeat(MAX_MACRO_LENGTH + 1) }, '$x$')
    expect(formatAll(compileText({ '01.md': text }))).toBe(
      `deck/01.md:5:3: error: macro \`\\long\` is longer than ${MAX_MACRO_LENGTH} characters [front-matter-limit]`,
    )
  })
})

describe('untrusted commands are errors at their column, never red text', () => {
  const USES: Record<(typeof UNTRUSTED_COMMANDS)[number], string> = {
    '\\href': '\\href{https://example.org}{x}',
    '\\url': '\\url{https://example.org}',
    '\\includegraphics': '\\includegraphics[height=1em]{/etc/passwd}',
    '\\htmlClass': '\\htmlClass{fake-login}{x}',
    '\\htmlId': '\\htmlId{deck}{x}',
    '\\htmlStyle': '\\htmlStyle{position:fixed;inset:0}{x}',
    '\\htmlData': '\\htmlData{src=x}{x}',
  }
  for (const [command, use] of Object.entries(USES)) {
    it(`${command}, inline, in display math, in notes and from a macro`, () => {
      const body = [
        `Text $a + ${use}$ end.`,
        '',
        '$$',
        `b = ${use}`,
        '$$',
        '',
        '::: notes',
        `Say $${use}$`,
        ':::',
      ].join('\n')
      const macro = { '\\evil': use }
      const text = withMacros(macro, `${body}\n\nVia $\\evil$`)
      const { out } = compileTimed(text)
      const msg = `error: KaTeX: \`${command}\` is not allowed in slides (KaTeX's trust is off)`
      expect(out).toBe(
        [
          `deck/01.md:6:11: ${msg} [katex-untrusted]`,
          `deck/01.md:9:5: ${msg} [katex-untrusted]`,
          `deck/01.md:13:6: ${msg} [katex-untrusted]`,
          `deck/01.md:16:6: ${msg} (in the expansion of a macro) [katex-untrusted]`,
        ].join('\n'),
      )
    })
  }

  it('javascript: URLs, with and without a protocol KaTeX can read', () => {
    const { out } = compileTimed(
      TITLE +
        '$\\href{javascript:alert(1)}{a}$ $\\url{javascript&colon;x}$ $\\href{ jAvAsCrIpT:x}{b}$',
    )
    expect(out.split('\n').map((l) => l.replace(/: error.*\[/, ' ['))).toEqual([
      'deck/01.md:4:2 [katex-untrusted]',
      'deck/01.md:4:34 [katex-untrusted]',
      'deck/01.md:4:61 [katex-untrusted]',
    ])
  })
})

/** Formulas from KaTeX's test data shipped in node_modules, and the README's example. */
function katexFormulas(): string[] {
  const dir = resolve(ROOT, 'node_modules/katex')
  const spec = readFileSync(
    resolve(dir, 'contrib/render-a11y-string/test/render-a11y-string-spec.ts'),
    'utf8',
  )
  const readme = readFileSync(resolve(dir, 'README.md'), 'utf8')
  const literal = /(?:renderA11yString|katex\.render(?:ToString)?)\(\s*"((?:[^"\\]|\\.)*)"/g
  const found = [...(spec + readme).matchAll(literal)].map((m) => JSON.parse(`"${m[1]}"`) as string)
  return [...new Set(found)]
}

describe("KaTeX's own test formulas", () => {
  it('each renders or fails with a diagnostic on its own line, never a crash or red text', () => {
    const formulas = katexFormulas()
    expect(formulas.length).toBeGreaterThan(60)
    const body = formulas.map((f) => `$$ ${f} $$`).join('\n\n')
    const { result, html } = compileTimed(TITLE + body)
    const lineOf = (i: number): number => 4 + 2 * i
    const byLine = new Map<number, string[]>()
    for (const d of result.diagnostics) {
      expect(d.file).toBe('deck/01.md')
      expect(d.column).toBeGreaterThanOrEqual(0)
      byLine.set(d.line, [...(byLine.get(d.line) ?? []), d.code])
    }
    const rendered = (html.match(/class="katex-display"/g) ?? []).length
    const failed = (html.match(/class="deck-math-error"/g) ?? []).length
    // Every formula is either typeset or replaced by its escaped TeX, and a failure has an error
    // on the formula's own line.
    expect(rendered + failed).toBe(formulas.length)
    const errorLines = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)
    expect(new Set(errorLines).size).toBe(failed)
    for (const line of errorLines) expect((line - 4) % 2).toBe(0)
    for (const line of errorLines) expect(lineOf((line - 4) / 2)).toBe(line)
    console.log(
      `KaTeX test formulas: ${formulas.length}, typeset ${rendered}, failed with a diagnostic ${failed}:`,
      [...byLine].map(([line, codes]) => `${formulas[(line - 4) / 2]} -> ${codes.join(',')}`),
    )
  })
})

/** Every command and environment name KaTeX's sources define (node_modules/katex/src). */
function katexNames(): { commands: string[]; environments: string[] } {
  const src = resolve(ROOT, 'node_modules/katex/src')
  const read = (dir: string): string =>
    readdirSync(resolve(src, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(resolve(src, dir, f), 'utf8'))
      .join('\n')
  // JS string literals; the few JSON cannot read (raw control characters) are no command names.
  const unquote = (body: string): string[] => {
    try {
      return [JSON.parse(`"${body}"`) as string]
    } catch {
      return []
    }
  }
  const strings = (text: string): string[] =>
    [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].flatMap((m) => unquote(m[1]!))
  const lists = (text: string): string[] =>
    [...text.matchAll(/names: \[([^\]]*)\]/g)].flatMap((m) => strings(m[1]!))
  const macros = [
    ...readFileSync(resolve(src, 'macros.ts'), 'utf8').matchAll(
      /defineMacro\("((?:[^"\\]|\\.)*)"/g,
    ),
  ].flatMap((m) => unquote(m[1]!))
  // `\\show` is left out: KaTeX's `\\show` console.logs its tokens (reported to the lead).
  const commands = [...new Set([...lists(read('functions')), ...macros])].filter(
    (n) => /^\\[a-zA-Z@]+$/.test(n) && n !== '\\show',
  )
  return { commands, environments: [...new Set(lists(read('environments')))] }
}

describe("every command and environment KaTeX's sources define", () => {
  it('renders or fails with a diagnostic on its line, bare and with arguments', () => {
    const { commands, environments } = katexNames()
    expect(commands.length).toBeGreaterThan(300)
    expect(environments.length).toBeGreaterThan(15)
    const formulas = [
      ...commands.flatMap((c) => [c, `${c}{a}{b}`, `x ${c}[2]{y}`]),
      ...environments.map((e) => `\\begin{${e}}{cc} a & b \\\\ c & d \\end{${e}}`),
    ]
    let typeset = 0
    const codes = new Map<string, number>()
    // 150 formulas a deck keeps each deck far under its step budget.
    for (let i = 0; i < formulas.length; i += 150) {
      const batch = formulas.slice(i, i + 150)
      const { result, html } = compileTimed(TITLE + batch.map((f) => `$$ ${f} $$`).join('\n\n'))
      const failed = (html.match(/class="deck-math-error"/g) ?? []).length
      const ok = (html.match(/class="katex-display"/g) ?? []).length
      expect(ok + failed).toBe(batch.length)
      typeset += ok
      const errorLines = new Set(
        result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line),
      )
      expect(errorLines.size).toBe(failed)
      for (const line of errorLines) expect((line - 4) % 2).toBe(0)
      for (const d of result.diagnostics) codes.set(d.code, (codes.get(d.code) ?? 0) + 1)
    }
    expect([...codes.keys()].sort()).toEqual(
      expect.arrayContaining(['katex-parse', 'katex-untrusted']),
    )
    expect(codes.has('katex-too-large')).toBe(false)
    console.log(
      `KaTeX names: ${commands.length} commands, ${environments.length} environments; ` +
        `${formulas.length} formulas, ${typeset} typeset, the rest a diagnostic:`,
      Object.fromEntries(codes),
    )
  })
})
