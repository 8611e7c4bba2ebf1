// Vega-Lite charts drawn at build time: the July session's charts as its own Markdown and data
// files give them, a spec per mark type, and what every chart must be (theme variables, the
// deck's font, text at the floor, title/desc/table, nothing active or external).
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  closeChartWorker,
  renderVegaLite,
  type DataReader,
  type VegaLiteResult,
} from '../../../../src/charts/vega-lite/index.ts'
import { smallestTextSize } from '../../../../src/compiler/graphic-text.ts'
import {
  findVegaLiteBlocks,
  type VegaLiteBlock,
} from '../../../../src/compiler/markdown/vega-lite.ts'
import { ROOT } from '../../../../src/site/paths.ts'
import { NARROW_WIDTH } from '../../../../src/charts/vega-lite/narrow.ts'

/** The July session: its charts are ```vega-lite blocks of its slides, their data its own files. */
const SESSION = resolve(ROOT, 'slides/2025-07-16-rlvr-reasoning')

const sessionReader: DataReader = (ref) => {
  try {
    return { bytes: readFileSync(resolve(SESSION, ref)) }
  } catch {
    return { code: 'missing-file', message: `\`${ref}\` not found` }
  }
}

/** Every ```vega-lite block of the session's slides, in file order. */
const sessionBlocks = (): VegaLiteBlock[] =>
  readdirSync(SESSION)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => findVegaLiteBlocks(readFileSync(resolve(SESSION, f), 'utf8')))

/** Draws the session's one chart whose spec reads `data` (a file of the session's folder). */
async function draw(data: string): Promise<VegaLiteResult> {
  const blocks = sessionBlocks().filter((b) => b.content.includes(data))
  expect(blocks).toHaveLength(1)
  return renderVegaLite(blocks[0]!.content, {
    format: blocks[0]!.format,
    readData: sessionReader,
    id: data.replace(/\W+/g, '-'),
  })
}

// The first chart starts the drawing process and loads Vega: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 })
afterAll(closeChartWorker)

/** A figure's HTML without its narrow layout (the reading view's on a phone): the slide's drawing. */
const slideDrawing = (html: string): string =>
  html.replace(/<div class="deck-chart-narrow"[\s\S]*?<\/svg><\/div>/, '')

/** Every check a drawn chart must pass; returns the figure's parts for more. */
function checkChart(result: VegaLiteResult) {
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([])
  expect(result.html).toBeDefined()
  const html = result.html!
  const $ = load(slideDrawing(html), { xml: false })
  const svg = $('figure > svg')
  expect(svg).toHaveLength(1)
  expect(svg.attr('role')).toBe('img')
  const [titleId, descId] = String(svg.attr('aria-labelledby')).split(' ')
  expect($(`title#${titleId}`).text().length).toBeGreaterThan(3)
  expect($(`desc#${descId}`).text().length).toBeGreaterThan(10)
  // The data for screen readers: a real table, clipped out of sight.
  const table = $('figure > .deck-chart-data table')
  expect(table.find('caption').text()).toContain('data')
  expect($('figure > .deck-chart-data').attr('style')).toContain('clip-path:inset(50%)')
  // Nothing active, nothing external.
  expect(html).not.toMatch(/<script|<foreignObject|<iframe|<image|<a\b/i)
  expect(html).not.toMatch(/\son[a-z]+\s*=/i)
  expect(html).not.toMatch(/(href|src)=["'](?!#)/i)
  expect(html).not.toMatch(/url\((?!#)/i)
  // Colours are the theme's variables (with light fallbacks); no fixed colour outside them.
  expect(html).toContain('var(--deck-')
  const outside = html.replace(/var\(--[a-z-]+, #[0-9a-f]{3,8}\)/gi, '')
  expect(outside.match(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b|rgb\(/gi) ?? []).toEqual([])
  // Text in the deck's font, at least 20 px on the 1280x720 slide (1200 px wide content).
  expect(html).toContain('font-family:var(--r-main-font')
  const shown = Math.min(result.width!, 1200)
  const smallest = smallestTextSize(String($.html(svg)), shown, { inheritedFontSize: 32 })
  expect(smallest?.size).toBeGreaterThanOrEqual(20)
  expect(result.width!).toBeLessThanOrEqual(1200)
  // The narrow layout, for a phone's 350 px column: an image of its own, its text 14 px or more.
  const all = load(html, { xml: false })
  const narrow = all('figure > .deck-chart-narrow > svg')
  if (result.width! > NARROW_WIDTH) {
    expect(narrow).toHaveLength(1)
    expect(narrow.attr('role')).toBe('img')
    const ids = String(narrow.attr('aria-labelledby')).split(' ')
    expect(ids).not.toContain(titleId)
    expect(all(`title#${ids[0]}`).text()).toBe($(`title#${titleId}`).text())
    const width = Number(narrow.attr('width'))
    expect(width).toBeLessThanOrEqual(NARROW_WIDTH + 24)
    const phone = smallestTextSize(String(all.html(narrow)), Math.min(width, 350))
    expect(phone?.size).toBeGreaterThanOrEqual(14)
  }
  return { $, html, svg }
}

describe("the session's charts, from its own slides and data", () => {
  it('draws every chart of the session without a problem', async () => {
    const blocks = sessionBlocks()
    expect(blocks.length).toBeGreaterThanOrEqual(3)
    for (const [i, block] of blocks.entries())
      checkChart(
        await renderVegaLite(block.content, {
          format: block.format,
          readData: sessionReader,
          id: `chart-${i}`,
        }),
      )
  })

  it('rl-algorithms: three datasets side by side, base and six algorithms, axis from 0', async () => {
    const { $, html } = checkChart(await draw('data/rl-algorithms.json'))
    const texts = $('text')
      .map((_i, t) => $(t).text())
      .get()
    for (const dataset of ['Omni-MATH-Train', 'Omni-MATH-Test', 'MATH500'])
      expect(texts.filter((t) => t.startsWith(dataset))).toHaveLength(1)
    for (const model of ['GRPO', 'PPO', 'ReMax', 'RLOO', 'Reinforce++', 'DAPO'])
      expect(texts.filter((t) => t === model).length).toBeGreaterThanOrEqual(1)
    expect(html).toContain('axis from 0')
    // 21 models x datasets, two dots each.
    expect($('.deck-chart-data tbody tr')).toHaveLength(21)
    expect($('.mark-symbol.role-mark path')).toHaveLength(42)
  })

  it('grpo-steps (YAML, JSON data): pass@1 from 0, pass@256 on an axis marked as zoomed', async () => {
    const result = await draw('data/grpo-steps.json')
    const { $ } = checkChart(result)
    const texts = $('text')
      .map((_i, t) => $(t).text())
      .get()
    expect(texts).toContain('axis from 0% to 50%')
    expect(texts.filter((t) => t.startsWith('axis zoomed to 62–70%'))).toHaveLength(1)
    // The zoomed axis starts near 62, not 0; the other at 0.
    expect(texts).toContain('0%')
    expect(texts).toContain('64%')
    expect(texts).toContain('64.3')
    expect(result.reads.map((r) => r.ref)).toEqual(['data/grpo-steps.json'])
    expect(result.reads[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('coverage: both strips at one scale, one square per problem and model', async () => {
    const { $ } = checkChart(await draw('data/coverage.json'))
    expect($('.mark-symbol.role-mark path')).toHaveLength(2 * (30 + 24))
    expect($('.deck-chart-data tbody tr')).toHaveLength(108)
    const texts = $('text')
      .map((_i, t) => $(t).text())
      .get()
    expect(texts).toContain('AIME24: all 30 problems')
    expect(texts.filter((t) => t.startsWith('LiveCodeBench 400–450'))).toHaveLength(1)
  })
})

const values = [
  { x: 1, y: 3, c: 'a' },
  { x: 2, y: 5, c: 'a' },
  { x: 3, y: 4, c: 'a' },
  { x: 1, y: 2, c: 'b' },
  { x: 2, y: 1, c: 'b' },
  { x: 3, y: 6, c: 'b' },
]
const enc = {
  x: { field: 'x', type: 'quantitative' },
  y: { field: 'y', type: 'quantitative' },
  color: { field: 'c', type: 'nominal' },
}
const inline = (spec: object) =>
  renderVegaLite(JSON.stringify({ data: { values }, ...spec }, null, 2), {
    format: 'json',
    readData: sessionReader,
    id: 'inline',
  })

describe('a spec per mark type', () => {
  it.each([
    ['line', { mark: 'line', encoding: enc }, '.mark-line.role-mark path', 2],
    [
      'bar',
      { mark: 'bar', encoding: { ...enc, x: { field: 'c', type: 'nominal' } } },
      '.mark-rect.role-mark path',
      6,
    ],
    ['point', { mark: 'point', encoding: enc }, '.mark-symbol.role-mark path', 6],
    ['area', { mark: 'area', encoding: enc }, '.mark-area.role-mark path', 2],
    [
      'layered',
      { layer: [{ mark: 'line' }, { mark: 'point' }], encoding: enc },
      '.mark-line.role-mark path, .mark-symbol.role-mark path',
      8,
    ],
  ])('%s', async (_name, spec, selector, count) => {
    const result = await inline(spec)
    const { $ } = checkChart(result)
    expect($(selector)).toHaveLength(count)
    // Without a title the chart is still named, and described by its marks and fields.
    expect($('title').text()).toBe('Chart')
    expect($('desc').text()).toMatch(/^A [a-z ]+ chart of .*, from 6 rows of data/)
  })

  it('named datasets, a list of numbers and a pivot: their fields are known', async () => {
    const named = await renderVegaLite(
      JSON.stringify({
        datasets: { scores: values },
        data: { name: 'scores' },
        mark: 'point',
        encoding: enc,
      }),
      { format: 'json', readData: sessionReader, id: 'named' },
    )
    expect(named.problems).toEqual([])
    expect(load(named.html!)('.deck-chart-data caption').text()).toBe('Chart: data from scores')
    const numbers = await renderVegaLite(
      JSON.stringify({
        data: { values: [3, 1, 2] },
        mark: 'bar',
        encoding: { x: { field: 'data', type: 'quantitative' } },
      }),
      { format: 'json', readData: sessionReader, id: 'numbers' },
    )
    expect(numbers.problems).toEqual([])
    const pivot = await inline({
      transform: [{ pivot: 'c', value: 'y', groupby: ['x'] }],
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'a', type: 'quantitative' },
      },
    })
    expect(pivot.problems).toEqual([])
  })

  it('a size is given to a single view that has none, within the slide', async () => {
    const result = await inline({ mark: 'point', encoding: enc })
    expect(result.width!).toBeGreaterThan(900)
    expect(result.width!).toBeLessThanOrEqual(1200)
  })

  it('two charts on one page have distinct ids (clip paths, title, desc)', async () => {
    const a = await renderVegaLite(
      JSON.stringify({ data: { values }, mark: 'bar', encoding: enc }),
      {
        format: 'json',
        readData: sessionReader,
        id: 'one',
      },
    )
    const b = await renderVegaLite(
      JSON.stringify({ data: { values }, mark: 'bar', encoding: enc }),
      {
        format: 'json',
        readData: sessionReader,
        id: 'two',
      },
    )
    const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    const shared = ids(a.html!).filter((id) => ids(b.html!).includes(id))
    expect(shared).toEqual([])
    expect(ids(a.html!)).toContain('one-title')
  })
})
