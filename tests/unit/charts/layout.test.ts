// Chart layout: labels kept apart and inside the chart, the honest axes, the new panels and strips.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { panelDomain } from '../../../src/charts/grpo-steps.ts'
import { CHARTS } from '../../../src/charts/index.ts'
import { placeValueLabels } from '../../../src/charts/rl-algorithms.ts'
import { textWidth } from '../../../src/charts/svg.ts'
import { compute, decodeState, DEFAULT_CONFIG } from '../../../src/shared/explorer/model.ts'
import { chartSvg } from '../../../src/shared/explorer/view.ts'
import { formatAll, renderBody } from '../../helpers/deck.ts'

interface Box {
  text: string
  x1: number
  x2: number
  y1: number
  y2: number
}

/** The box each unrotated `<text>` covers, from its anchor, size and weight (glyphs: 0.75em up). */
function textBoxes(svg: string): { boxes: Box[]; width: number; height: number } {
  const $ = load(svg, { xml: true })
  const root = $('svg').first()
  const rootSize = Number(root.attr('font-size') ?? 16)
  const [, , width = 0, height = 0] = (root.attr('viewBox') ?? '').split(' ').map(Number)
  const boxes: Box[] = []
  $('text').each((_, el) => {
    const t = $(el)
    if (t.attr('transform') || t.parents('[transform]').length) return
    const content = t.text()
    if (!content.trim()) return
    const size = Number(t.attr('font-size') ?? rootSize)
    const bold = Number(t.attr('font-weight') ?? 400) >= 600
    const w = textWidth(content, size, bold ? 'bold' : 'normal')
    const x = Number(t.attr('x'))
    const y = Number(t.attr('y'))
    const anchor = t.attr('text-anchor') ?? 'start'
    const x1 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x
    boxes.push({ text: content, x1, x2: x1 + w, y1: y - 0.75 * size, y2: y + 0.2 * size })
  })
  return { boxes, width, height }
}

function expectApart(svg: string, what: string): void {
  const { boxes, width, height } = textBoxes(svg)
  expect(boxes.length, what).toBeGreaterThan(3)
  for (const b of boxes) {
    expect(b.x1, `${what}: "${b.text}" inside on the left`).toBeGreaterThanOrEqual(-1)
    expect(b.x2, `${what}: "${b.text}" inside on the right`).toBeLessThanOrEqual(width + 1)
    expect(b.y1, `${what}: "${b.text}" inside at the top`).toBeGreaterThanOrEqual(-1)
    expect(b.y2, `${what}: "${b.text}" inside at the bottom`).toBeLessThanOrEqual(height + 8)
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!
      const b = boxes[j]!
      const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2
      expect(overlap, `${what}: "${a.text}" and "${b.text}" overlap`).toBe(false)
    }
}

const chartSvgOf = (name: string, ...options: string[]): string => {
  const { html, result } = renderBody(['```chart', name, ...options, '```', ''].join('\n'))
  expect(formatAll(result)).toBe('')
  return load(html)('figure.deck-chart > svg').toString()
}

describe('labels are kept apart and inside the chart', () => {
  const cases: [string, string[]][] = [
    ['rl-algorithms', ['dataset: all']],
    ['grpo-steps', []],
    ['coverage', []],
    ['aime24-coverage', []],
    ['livecodebench-coverage', []],
  ]
  for (const d of ['omni-math-train', 'omni-math-test', 'math500']) {
    cases.push(['rl-algorithms', [`dataset: ${d}`]], ['grpo-steps', [`dataset: ${d}`]])
  }
  for (const [name, options] of cases)
    it(`${name} ${options.join(' ')}`, () => expectApart(chartSvgOf(name, ...options), name))

  for (const state of ['b10-90_r30-70', 'b50-51_r49-50', 'b1-100_r99-100', 'b30-30_r30-30'])
    it(`the explorer chart, ${state}`, () =>
      expectApart(chartSvg(compute(decodeState(state)!, DEFAULT_CONFIG), 'x'), state))

  it('places a pass@1 label on the right of its dot when the left has no room', () => {
    const p = placeValueLabels(12, 200, '9.9', '67.2', { x1: 0, x2: 400 })
    expect(p.a.anchor).toBe('start')
    expect(p.a.x1).toBeGreaterThan(12)
    expect(p.a.x2).toBeLessThan(200 - 8)
    expect(p.b.anchor).toBe('start')
  })
})

describe('rl-algorithms: v2 Table 2 for all three datasets', () => {
  it('draws three panels with every number of the table once', () => {
    const { html } = renderBody('```chart\nrl-algorithms\ndataset: all\n```\n')
    const $ = load(html)
    const texts = $('svg text')
      .map((_, e) => $(e).text())
      .get()
    for (const title of ['Omni-MATH-Train', 'Omni-MATH-Test', 'MATH500'])
      expect(texts).toContain(title)
    // 7 models × 3 datasets × 2 metrics value labels.
    expect($('svg text.deck-num')).toHaveLength(42)
    expect($('figure table thead th')).toHaveLength(7)
    expect(
      $('figure table tbody tr')
        .first()
        .find('td')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['9.9', '67.2', '10.2', '69.1', '34.5', '96.2'])
    // The honest caveat per dataset, in the description.
    expect($('svg desc').text()).toContain('every RL algorithm is above it')
    expect($('svg desc').text()).toContain('PPO, RLOO, Reinforce++ are above it')
  })
})

describe('grpo-steps: an axis that shows a 2.9-point drop honestly', () => {
  it('zooms the pass@256 axis to whole even points around the values, at least 8 tall', () => {
    expect(panelDomain([67.2, 66.3, 65.3, 64.3], false)).toEqual([62, 70])
    expect(panelDomain([96.2, 97.2, 96.0, 95.4], false)).toEqual([92, 100])
    expect(panelDomain([9.9, 26.1, 33.6, 42.5], true)).toEqual([0, 50])
  })

  it('says the axis is zoomed, starts pass@1 at 0, and marks the break', () => {
    const svg = chartSvgOf('grpo-steps')
    const $ = load(svg, { xml: true })
    const texts = $('text')
      .map((_, e) => $(e).text())
      .get()
    expect(texts).toContain('axis zoomed to 62–70%')
    expect(texts).toContain('axis from 0% to 50%')
    expect(texts).toContain('pass@256 (−2.9)')
    // The drop is visible: 2.9 points over an 8-point axis is over a third of the panel height.
    const squares = $('rect')
      .map((_, e) => Number($(e).attr('y')))
      .get()
    const plotHeight = Number($('svg').attr('height')) - 78 - 96
    expect((squares.at(-1)! - squares[0]!) / plotHeight).toBeCloseTo(2.9 / 8, 2)
  })
})

describe('coverage: LiveCodeBench (v2 Table 5) beside AIME24 (v2 Table 4)', () => {
  it('draws the 24 problems either model solves, 1 solved by RL only, at the AIME24 square size', () => {
    const { html } = renderBody('```chart\ncoverage\n```\n')
    const $ = load(html)
    expect($('svg rect')).toHaveLength(2 * 30 + 2 * 24)
    const widths = new Set(
      $('svg rect')
        .map((_, e) => $(e).attr('width'))
        .get(),
    )
    expect(widths.size).toBe(1)
    const rows = $('figure table tbody tr')
      .map((_, tr) => $(tr).text())
      .get()
    expect(rows).toContain('LiveCodeBench 400–450: RL model only1')
    expect(rows).not.toContain(expect.stringMatching(/LiveCodeBench.*Neither/))
    expect($('svg desc').text()).toContain('problems solved by neither are not listed')
  })

  it('every chart keeps to the slide: at most 1200 px wide and 460 px tall', () => {
    for (const name of Object.keys(CHARTS).filter((n) => 'render' in CHARTS[n]!)) {
      const $ = load(chartSvgOf(name), { xml: true })
      expect(Number($('svg').attr('width'))).toBeLessThanOrEqual(1200)
      expect(Number($('svg').attr('height'))).toBeLessThanOrEqual(460)
    }
  })
})

describe('data tables: tabular figures only where the cell is a number', () => {
  it('marks numeric cells with class="num", never a model name', () => {
    const { html } = renderBody('```chart\nrl-algorithms\n```\n')
    const $ = load(html)
    const cells = $('figure table tbody td')
    expect(cells.length).toBe(14)
    expect(cells.filter('.num').length).toBe(14)
    expect($('figure table tbody th.num')).toHaveLength(0)
    const grpo = load(renderBody('```chart\ngrpo-steps\n```\n').html)
    expect(grpo('figure table tbody td').first().attr('class')).toBe('num') // the step
  })
})
