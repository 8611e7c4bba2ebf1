// Budgets on what a deck builds into (src/untrusted/budgets.ts): each figure over its limit is an
// error at the place that made it, naming the figure and the limit, and comes fast. The session's
// deck and a generated 300-slide deck stay far below every limit.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { generateDeck } from '../../bench/deck-generator.ts'
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts'
import { compileDeck, type CompileResult } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { BUDGETS, countElements } from '../../src/untrusted/index.ts'
import { cpuNow } from '../helpers/cpu.ts'

// Compiling a few megabytes takes a second alone, many on a busy machine.
vi.setConfig({ testTimeout: 60_000 })

const TMP = mkdtempSync(join(tmpdir(), 'deck-budgets-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))
cpSync(resolve(ROOT, 'assets/data'), join(TMP, 'assets/data'), { recursive: true })

let n = 0
function deck(files: Record<string, string>): string {
  const dir = join(TMP, 'slides', `2025-01-01-case-${++n}`)
  mkdirSync(dir, { recursive: true })
  if (!('01-title.md' in files))
    writeFileSync(join(dir, '01-title.md'), '---\ntitle: T\n---\n# T\n')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** Compiles in a bounded time and returns its error lines (file name only). */
function errors(dir: string, root = TMP): string[] {
  const started = cpuNow()
  const r = compileDeck(dir, { root })
  expect(cpuNow() - started).toBeLessThan(30_000)
  return r.diagnostics
    .filter((d) => d.severity === 'error')
    .map(formatDiagnostic)
    .map((l) => l.replace(/^[^:]*\//, ''))
}

/** The chart data file with `rows` models (the real file's first model, renamed). */
function withModels(rows: number): void {
  const data = JSON.parse(
    readFileSync(resolve(ROOT, 'assets/data/rl-algorithms.json'), 'utf8'),
  ) as {
    models: { name: string }[]
  }
  const model = data.models[0]!
  data.models = Array.from({ length: rows }, (_, i) => ({ ...model, name: `model ${i}` }))
  writeFileSync(join(TMP, 'assets/data/rl-algorithms.json'), JSON.stringify(data))
}
const chart = { '02-a.md': '## A\n\n```chart\nrl-algorithms\n```\n' }

describe('each budget is a positioned error with the figure and the limit', () => {
  it('characters per line', () =>
    expect(errors(deck({ '02-a.md': `## A\n\n${'word '.repeat(2_001)}\n` }))).toEqual([
      '02-a.md:3:10001: error: line has 10,005 characters; a line may have at most 10,000 [budget-line-chars]',
    ]))

  it('characters per line of an included file, at the include', () => {
    const lines = errors(
      deck({
        '02-a.md': '{{< include long.txt >}}\n',
        'long.txt': `## L\n\n${'x'.repeat(12_000)}\n`,
      }),
    )
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^02-a\.md:1:1: error: included file `[^`]*\/long\.txt`, line 3: line has 12,000 characters; a line may have at most 10,000 \[budget-line-chars\]$/,
    )
  })

  it('elements per slide', () =>
    expect(
      errors(
        deck({
          '02-a.md': `## A\n\n${Array.from({ length: 10_001 }, (_, i) => `- ${i}`).join('\n')}\n`,
        }),
      ),
    ).toEqual([
      '02-a.md:1:1: error: slide builds into 10,003 elements; a slide may have at most 10,000 [budget-slide-elements]',
    ]))

  it("bytes of the deck's page (a deck of very long slides), at the slide that passes it", () => {
    const slides = Array.from({ length: 900 }, (_, i) => `## S${i}\n\n${'word '.repeat(1_900)}\n`)
    const lines = errors(deck({ '02-a.md': slides.join('\n---\n\n') }))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^02-a\.md:\d+:1: error: the deck's slides build into 8,\d{3},\d{3} bytes, passing 8,000,000 \(the page's limit\) at this slide \[budget-page-bytes\]$/,
    )
  })

  it('rows per data file (a chart data file of 40,000 rows is over the byte budget first)', () => {
    withModels(1_001)
    expect(errors(deck(chart))).toEqual([
      '02-a.md:4:1: error: chart `rl-algorithms`: assets/data/rl-algorithms.json has 1,001 rows; a data file may have at most 1,000 [budget-data-rows]',
    ])
    withModels(40_000)
    expect(errors(deck(chart))[0]).toMatch(
      /^02-a\.md:4:1: error: chart `rl-algorithms`: assets\/data\/rl-algorithms\.json: `rl-algorithms\.json` has 7,\d{3},\d{3} bytes; a deck's file may have at most 1,000,000 \[budget-data-bytes\]$/,
    )
  })

  it('marks per chart', () => {
    withModels(900)
    expect(errors(deck(chart))).toEqual([
      '02-a.md:4:1: error: chart `rl-algorithms` draws 9,034 marks; a chart may draw at most 5,000 [budget-chart-marks]',
    ])
  })
})

describe('the decks we know stay far below every budget', () => {
  const figures = (r: CompileResult) => ({
    errors: r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    pageBytes: r.deck.slides.reduce(
      (sum, s) => sum + Buffer.byteLength(s.html + JSON.stringify(s.attrs)),
      0,
    ),
    slideElements: Math.max(...r.deck.slides.map((s) => countElements(s.html))),
  })

  it('a generated 300-slide deck', () => {
    const dir = generateDeck(join(TMP, 'slides', '2025-01-02-bench'), { slides: 300 }).dir
    const f = figures(compileDeck(dir, { root: ROOT }))
    expect(f.errors).toEqual([])
    expect(f.pageBytes).toBeLessThan(BUDGETS.pageBytes / 2)
    expect(f.slideElements).toBeLessThan(BUDGETS.slideElements / 10)
  })
})
