// Budgets on what a deck builds into (src/untrusted/budgets.ts): each figure over its limit is an
// error at the place that made it, naming the figure and the limit, and comes fast. A generated
// 300-slide deck stays far below every limit (the session's deck: tests/integration/slides/).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

/** A deck whose figure card reads a figures file of `rows` figures (the same figure, renumbered). */
function figuresDeck(rows: number): string {
  const dir = deck({ '02-a.md': '## A\n\n```chart\nfigure-card\n```\n' })
  const figure = { what: 'a plot', caption: 'A plot.', where: '§1', url: 'https://example.org/#F1' }
  const figures = Object.fromEntries(
    Array.from({ length: rows }, (_, i) => [String(i + 1), figure]),
  )
  mkdirSync(join(dir, 'data'))
  writeFileSync(
    join(dir, 'data/paper-figures.json'),
    JSON.stringify({ source: 's', description: 'd', figures }),
  )
  return dir
}

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

  it('rows per data file (a data file of 40,000 rows is over the byte budget first)', () => {
    expect(errors(figuresDeck(1_001))).toEqual([
      '02-a.md:4:1: error: chart `figure-card`: data/paper-figures.json has 1,001 rows; a data file may have at most 1,000 [budget-data-rows]',
    ])
    expect(errors(figuresDeck(40_000))[0]).toMatch(
      /^02-a\.md:4:1: error: chart `figure-card`: data\/paper-figures\.json: `data\/paper-figures\.json` has [\d,]+ bytes; a deck's file may have at most 1,000,000 \[budget-data-bytes\]$/,
    )
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
