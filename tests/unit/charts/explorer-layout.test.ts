// The pass@k explorer's chart keeps its labels apart and inside the chart, whatever the sliders say.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { compute, decodeState, DEFAULT_CONFIG } from '../../../src/shared/explorer/model.ts'
import { chartSvg } from '../../../src/shared/explorer/view.ts'

/**
 * A width of `content` in px at `size`, from Inter's advance widths by kind of character (digits
 * 0.62em, capitals 0.68em, lower case 0.55em, narrow punctuation 0.3em), rounded up a little: it
 * errs wide, so labels placed with it keep apart.
 */
function textWidth(content: string, size: number, weight: 'normal' | 'bold' = 'normal'): number {
  let em = 0
  for (const ch of content) {
    if (/[0-9]/.test(ch)) em += 0.62
    else if (/[.,:;'’|!il1()[\] ]/.test(ch)) em += 0.3
    else if (/[A-Z@%&—–#+×]/.test(ch)) em += 0.7
    else if (/[mwMW]/.test(ch)) em += 0.85
    else em += 0.56
  }
  return em * size * (weight === 'bold' ? 1.06 : 1)
}

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

describe('the explorer chart: labels are kept apart and inside the chart', () => {
  for (const state of ['b10-90_r30-70', 'b50-51_r49-50', 'b1-100_r99-100', 'b30-30_r30-30'])
    it(`the explorer chart, ${state}`, () =>
      expectApart(chartSvg(compute(decodeState(state)!, DEFAULT_CONFIG), 'x'), state))
})
