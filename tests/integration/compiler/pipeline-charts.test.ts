// A deck written only in Markdown, a CSV file and a Vega-Lite spec (the example of
// docs/authoring.md): the pipeline's `charts` stage
// draws the chart (a caller of `compile` needs no pre-pass), the slide holds it as inline SVG in
// the deck's theme, and a recompile draws again only when the data changed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { closeChartWorker } from '../../../src/charts/vega-lite/index.ts'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck, createIncrementalCompiler } from '../../../src/compiler/index.ts'
import { clearVegaLiteCharts } from '../../../src/compiler/markdown/vega-lite.ts'

const root = mkdtempSync(join(tmpdir(), 'deck-pipeline-charts-'))
afterAll(async () => {
  await closeChartWorker()
  rmSync(root, { recursive: true, force: true })
})

// The example of docs/authoring.md: the spec and its CSV, as a presenter copies them.
const AUTHORING = readFileSync(resolve(import.meta.dirname, '../../../docs/authoring.md'), 'utf8')
const SECTION = AUTHORING.slice(AUTHORING.indexOf('## Charts from data (Vega-Lite)'))
const SPEC = /````markdown\n(```vega-lite\n[\s\S]*?\n```)\n````/.exec(SECTION)![1]!
const CSV = /```text\n(model,[\s\S]*?)```/.exec(SECTION)![1]!

it("draws a deck's chart from its own CSV in the `charts` stage, again only when the data changed", async () => {
  clearVegaLiteCharts()
  const deck = join(root, 'slides', '2025-01-01-charts')
  mkdirSync(deck, { recursive: true })
  writeFileSync(join(deck, 'scores.csv'), CSV)
  writeFileSync(join(deck, '01.md'), `---\ntitle: T\n---\n\n# Results\n\n${SPEC}\n`)
  // Without drawing, the chart is missing, at its fence.
  expect(compileDeck(deck, { root }).diagnostics.map((d) => d.code)).toEqual(['vega-lite-missing'])

  const compiler = createIncrementalCompiler(deck, { root })
  const result = await compiler.run()
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
  const html = result.deck.slides[0]!.html
  expect(html).toMatch(/<figure class="deck-chart deck-vega-lite[^"]*"[^>]*>/)
  expect(html).toMatch(/<svg[^>]*role="img"/)
  expect(html).toContain('var(--')
  expect(html).toContain('Large')
  expect(html).not.toMatch(/<script|\son\w+=/i)
  expect(compiler.stats.charts).toMatchObject({ blocks: 1, rendered: 1 })

  await compiler.run()
  expect(compiler.stats.charts).toMatchObject({ blocks: 1, rendered: 0 })

  // Another process (memory empty) that does not draw finds the chart drawn before, on disk.
  clearVegaLiteCharts()
  const fromDisk = compileDeck(deck, { root })
  expect(fromDisk.diagnostics.map(formatDiagnostic)).toEqual([])
  expect(fromDisk.deck.slides[0]!.html).toBe(html)

  writeFileSync(join(deck, 'scores.csv'), 'model,accuracy\nSmall,41.5\nHuge,77.0\n')
  // Its data changed: what is on disk is not that chart any more.
  clearVegaLiteCharts()
  expect(compileDeck(deck, { root }).diagnostics.map((d) => d.code)).toEqual(['vega-lite-missing'])
  const edited = await compiler.run()
  expect(compiler.stats.charts).toMatchObject({ blocks: 1, rendered: 1 })
  expect(edited.deck.slides[0]!.html).toContain('Huge')
})
