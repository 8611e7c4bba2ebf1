// The ```vega-lite fence: the pre-pass draws a deck's blocks, the sync markdown render inlines
// them, and a block's problem is reported at its line and column in the Markdown file.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeChartWorker } from '../../../../src/charts/vega-lite/index.ts'
import { formatDiagnostic, type Diagnostic } from '../../../../src/compiler/diagnostics.ts'
import { compile } from '../../../../src/compiler/index.ts'
import type { RenderEnv } from '../../../../src/compiler/markdown/env.ts'
import {
  chartRoots,
  clearVegaLiteCharts,
  findVegaLiteBlocks,
  prerenderVegaLite,
  vegaLiteFormat,
  vegaLitePlugin,
} from '../../../../src/compiler/markdown/vega-lite.ts'

// The first chart starts the drawing process and loads Vega: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 })
afterAll(closeChartWorker)
beforeEach(clearVegaLiteCharts)

const SLIDE = `# Results

\`\`\`vega-lite
{
  "title": "Scores",
  "data": { "url": "scores.csv" },
  "mark": "bar",
  "encoding": {
    "x": { "field": "model", "type": "nominal" },
    "y": { "field": "score", "type": "quantitative" }
  }
}
\`\`\`

- A list item with a YAML chart:

  \`\`\`vega-lite yaml
  data: { url: _shared/steps.csv }
  mark: line
  encoding:
    x: { field: step, type: quantitative }
    y: { field: scroe, type: quantitative }
  \`\`\`

\`\`\`js
const notAChart = 1
\`\`\`
`

function makeDeck(markdown = SLIDE): { root: string; deck: string } {
  const root = mkdtempSync(join(tmpdir(), 'vega-lite-fence-'))
  const deck = join(root, 'slides', 'deck')
  mkdirSync(deck, { recursive: true })
  mkdirSync(join(root, 'slides', '_shared'))
  writeFileSync(join(deck, '01-results.md'), markdown)
  writeFileSync(join(deck, 'scores.csv'), 'model,score\nbase,9.9\nRL,26.1\n')
  writeFileSync(join(root, 'slides', '_shared', 'steps.csv'), 'step,score\n0,1\n150,2\n')
  return { root, deck }
}

function renderSlide(root: string, deck: string, body = SLIDE) {
  const md = new MarkdownIt().use(vegaLitePlugin)
  const diagnostics: Diagnostic[] = []
  const env = {
    file: { absPath: join(deck, '01-results.md'), path: 'slides/deck/01-results.md', text: body },
    startLine: 0,
    body,
    diagnostics,
    slideAttrs: {},
    assetsDir: join(root, 'assets'),
    root,
    roots: chartRoots(root, deck),
    inlineAssets: false,
    assets: [],
    macros: {},
  } satisfies RenderEnv
  const html = md.render(body, env)
  return { html, diagnostics: diagnostics.map(formatDiagnostic) }
}

describe('```vega-lite fences', () => {
  it('reads the info string', () => {
    expect(vegaLiteFormat('vega-lite')).toBe('json')
    expect(vegaLiteFormat(' vega-lite  json ')).toBe('json')
    expect(vegaLiteFormat('vega-lite yaml')).toBe('yaml')
    expect(vegaLiteFormat('vega-lite yml')).toBe('yaml')
    expect(vegaLiteFormat('vega-lite-x')).toBeUndefined()
    expect(vegaLiteFormat('vega')).toBeUndefined()
    expect(findVegaLiteBlocks(SLIDE).map((b) => b.format)).toEqual(['json', 'yaml'])
  })

  it('the pre-pass draws every block; the render inlines the SVG and reports at the block', async () => {
    const { root, deck } = makeDeck()
    const stats = await prerenderVegaLite([deck], root)
    expect(stats).toMatchObject({ blocks: 2, rendered: 2 })
    const { html, diagnostics } = renderSlide(root, deck)
    expect(html).toMatch(/<figure class="deck-chart deck-vega-lite" id="vl-[0-9a-z]+"/)
    expect(html).toContain('<title id="vl-')
    expect(html).toContain('Scores')
    // The second block's typo, at its line and column in the file (inside a list item).
    const line = SLIDE.split('\n').findIndex((l) => l.includes('scroe')) + 1
    const column = SLIDE.split('\n')[line - 1]!.indexOf('scroe')
    expect(diagnostics).toEqual([
      `slides/deck/01-results.md:${line}:${column + 1}: error: unknown field \`scroe\`; the data has \`step\`, \`score\` [vega-lite-spec-field]`,
    ])
    expect(html).toContain('<pre class="deck-chart-error"><code>data: { url: _shared/steps.csv }')
    // Other fences are left to the rules before.
    expect(html).toContain('<pre><code class="language-js">const notAChart = 1')
  })

  it('the same chart twice on a page gets ids of its own each time', async () => {
    const block =
      '```vega-lite\n{"data": {"url": "scores.csv"}, "mark": "bar", "encoding": {"x": {"field": "model", "type": "nominal"}}}\n```\n'
    const body = `${block}\n${block}`
    const { root, deck } = makeDeck(body)
    expect(await prerenderVegaLite([deck], root)).toMatchObject({ blocks: 1, rendered: 1 })
    const { html, diagnostics } = renderSlide(root, deck, body)
    expect(diagnostics).toEqual([])
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids.length).toBeGreaterThanOrEqual(6)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('text a spec draws under the 20 px floor is a warning at the fence', async () => {
    const body =
      '```vega-lite\n{"data": {"url": "scores.csv"}, "mark": "bar", "config": {"axis": {"labelFontSize": 12}},\n "encoding": {"x": {"field": "model", "type": "nominal"}, "y": {"field": "score", "type": "quantitative"}}}\n```\n'
    const { root, deck } = makeDeck(body)
    await prerenderVegaLite([deck], root)
    const { diagnostics } = renderSlide(root, deck, body)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatch(
      /^slides\/deck\/01-results\.md:1:1: warning: Vega-Lite chart: text “.+” renders at 12 px on the 1280×720 slide .* below the 20 px floor \[graphic-text-size\]$/,
    )
  })

  it('a chart in a column is checked at the width the column shows it, and not after the columns close', async () => {
    const chart =
      '```vega-lite\n{"data": {"url": "scores.csv"}, "mark": "bar", "width": 1000,\n "encoding": {"x": {"field": "model", "type": "nominal"}, "y": {"field": "score", "type": "quantitative"}}}\n```\n'
    const inColumn = `:::: columns\n::: column\n${chart}:::\n::: column\nText\n:::\n::::\n`
    const after = `:::: columns\n::: column\nA\n:::\n::: column\nB\n:::\n::::\n\n${chart}`
    for (const body of [inColumn, after]) {
      // The whole pipeline: columns are containers of the deck's Markdown, not of this file's renderer.
      const { root, deck } = makeDeck(`---\ntitle: T\n---\n${body}`)
      const diagnostics = (await compile(deck, { root })).diagnostics.map(formatDiagnostic)
      if (body === after) expect(diagnostics).toEqual([])
      else {
        expect(diagnostics).toHaveLength(1)
        expect(diagnostics[0]).toMatch(
          /slides\/deck\/01-results\.md:6:1: warning: Vega-Lite chart: text “.+” renders at \d+(\.\d)? px on the 1280×720 slide \(shown 580 px wide\), below the 20 px floor \[graphic-text-size\]$/,
        )
      }
    }
  })

  it('a block not drawn by the pre-pass is an error at the fence', () => {
    const { root, deck } = makeDeck()
    const { diagnostics } = renderSlide(root, deck)
    expect(diagnostics[0]).toBe(
      'slides/deck/01-results.md:3:1: error: this Vega-Lite chart has not been drawn yet [vega-lite-missing]',
    )
  })

  it('draws again only when a data file changed, from memory or from the disk cache', async () => {
    const { root, deck } = makeDeck()
    await prerenderVegaLite([deck], root)
    // The failing block is drawn again every time; the good one only when its data changes.
    expect(await prerenderVegaLite([deck], root)).toMatchObject({ blocks: 2, rendered: 1 })
    writeFileSync(join(deck, 'scores.csv'), 'model,score\nbase,9.9\nRL,42.5\n')
    expect(await prerenderVegaLite([deck], root)).toMatchObject({ blocks: 2, rendered: 2 })
    const { html } = renderSlide(root, deck)
    expect(html).toContain('42.5')
    // A new build (nothing in memory) finds the good chart on disk.
    clearVegaLiteCharts()
    expect(await prerenderVegaLite([deck], root)).toMatchObject({ blocks: 2, rendered: 1 })
    expect(renderSlide(root, deck).html).toContain('42.5')
    expect(readdirSync(join(root, 'node_modules/.cache/deck-vega-lite'))).toHaveLength(1)
  })

  it('a refused data file is reported at its url in the Markdown file', async () => {
    const body = '```vega-lite\n{"data": {"url": "../../secret.csv"}, "mark": "bar"}\n```\n'
    const { root, deck } = makeDeck(body)
    await prerenderVegaLite([deck], root)
    const { diagnostics } = renderSlide(root, deck, body)
    expect(diagnostics).toEqual([
      "slides/deck/01-results.md:2:18: error: `../../secret.csv` leaves the deck's folder (`..`): name a file in the deck's folder or in `_shared/` [vega-lite-data-refused]",
    ])
  })
})
