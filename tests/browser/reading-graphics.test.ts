// Graphics in the reading view, measured on every slide of the session: on a 390x844 phone every
// Vega-Lite chart's text is 14 px or more (its narrow layout), nothing runs off the page, and a box
// that scrolls sideways shows it (a fade on the side with more); at 1280x800 every graphic's text
// is at least 80% of the body text's size; a slide's columns stack where one would be under 480 px.
// At 1280x720 on the slide, chart text is at least 80% of the body's too.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const env = useBuiltDeck()

interface Smallest {
  id: string
  /** The smallest rendered text (CSS px) of the slide's shown charts, and of all its graphics. */
  chart: number
  graphic: number
  /** The body text's size (CSS px) there. */
  body: number
}

/** Every section's smallest shown graphics text, rendered size = font size x on-screen scale. */
function smallest(): Smallest[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.slides section[id]')).map((s) => {
    let chart = Infinity
    let graphic = Infinity
    for (const t of Array.from(s.querySelectorAll<SVGTextElement>('svg text'))) {
      if (!t.textContent?.trim() || t.closest('.katex, .deck-icon')) continue
      if (!t.getClientRects().length) continue
      const m = t.getScreenCTM()!
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)
      graphic = Math.min(graphic, size)
      if (t.closest('.deck-vega-lite')) chart = Math.min(chart, size)
    }
    const box = s.getBoundingClientRect()
    const body = parseFloat(getComputedStyle(s).fontSize) * (box.width / s.offsetWidth)
    return { id: s.id, chart, graphic, body }
  })
}

async function reading(width: number, height: number): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' })
  await openDeck(page, `${env.site.url}?view=scroll`)
  // The graphics are fitted in a frame after the fonts are in.
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(300)
  return page
}

const table = (rows: Smallest[], key: 'chart' | 'graphic'): string =>
  rows
    .filter((r) => Number.isFinite(r[key]))
    .map((r) => `${r.id}: ${r[key].toFixed(1)} px (body ${r.body.toFixed(1)})`)
    .join('\n')

describe('reading view graphics on a 390x844 phone', () => {
  it('sets every chart’s text at 14 px or more', async () => {
    const page = await reading(390, 844)
    const rows = await page.evaluate(smallest)
    console.log(`smallest chart text at 390 px:\n${table(rows, 'chart')}`)
    console.log(`smallest graphics text at 390 px:\n${table(rows, 'graphic')}`)
    const charts = rows.filter((r) => Number.isFinite(r.chart))
    expect(charts.length).toBeGreaterThanOrEqual(3)
    expect(charts.filter((r) => r.chart < 14).map((r) => `${r.id}: ${r.chart}`)).toEqual([])
    // Each chart shows its narrow layout, no wider than the column.
    const wide = await page.$$eval('figure.deck-vega-lite', (figs) =>
      figs
        .filter((f) => f.scrollWidth > f.clientWidth + 1 || f.getBoundingClientRect().right > 390)
        .map((f) => f.closest('section')!.id),
    )
    expect(wide).toEqual([])
    await page.close()
  })

  it('runs nothing off the page, and every box that scrolls sideways shows a cue', async () => {
    const page = await reading(390, 844)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const found = await page.evaluate(() => {
      const scrolling: string[] = []
      const silent: string[] = []
      for (const e of Array.from(document.querySelectorAll<HTMLElement>('.slides section *'))) {
        // Clipped to nothing for screen readers, never painted: a chart's table, KaTeX's MathML.
        if (e.closest('.deck-chart-data, .katex-mathml')) continue
        const style = getComputedStyle(e)
        if (!['auto', 'scroll', 'hidden'].includes(style.overflowX)) continue
        if (e.scrollWidth <= e.clientWidth + 1 || !e.getClientRects().length) continue
        const name = `${e.closest('section')!.id} ${e.tagName.toLowerCase()}.${e.className}`
        scrolling.push(name)
        if (style.overflowX === 'hidden' || !style.maskImage.includes('gradient')) silent.push(name)
      }
      return { scrolling, silent }
    })
    expect(found.scrolling.length).toBeGreaterThan(0)
    expect(found.silent).toEqual([])
    // Scrolled to its end, a box fades the side it came from, not the end it reached.
    const cue = await page.evaluate(async () => {
      const box = document.querySelector<HTMLElement>('.slides [data-read-scroll]')!
      box.scrollLeft = box.scrollWidth
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      return [box.classList.contains('deck-more-before'), box.classList.contains('deck-more-after')]
    })
    expect(cue).toEqual([true, false])
    await page.close()
  })

  it('stacks a slide’s columns', async () => {
    const page = await reading(390, 844)
    const tracks = await page.$$eval('.slides .columns', (all) =>
      all.map((c) => getComputedStyle(c).gridTemplateColumns.split(' ').length),
    )
    expect(tracks.length).toBeGreaterThan(0)
    expect(tracks.every((n) => n === 1)).toBe(true)
    await page.close()
  })
})

describe('reading view graphics at 1280x800', () => {
  it('sets every graphic’s text at 80% of the body’s or more, and keeps columns at 480 px or more', async () => {
    const page = await reading(1280, 800)
    const rows = await page.evaluate(smallest)
    console.log(`smallest graphics text at 1280 px:\n${table(rows, 'graphic')}`)
    const shown = rows.filter((r) => Number.isFinite(r.graphic))
    expect(shown.length).toBeGreaterThan(5)
    const small = shown
      .filter((r) => r.graphic < 0.8 * r.body - 0.05)
      .map((r) => `${r.id}: ${r.graphic.toFixed(1)} px beside ${r.body} px`)
    expect(small).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    )
    const narrowColumns = await page.$$eval('.slides .columns', (all) =>
      all.flatMap((c) => {
        const tracks = getComputedStyle(c).gridTemplateColumns.split(' ').map(parseFloat)
        return tracks.length > 1 && tracks.some((t) => t < 480) ? [c.closest('section')!.id] : []
      }),
    )
    expect(narrowColumns).toEqual([])
    await page.close()
  })
})

describe('chart text on the 1280x720 slide', () => {
  it('is at least 80% of the body text’s size', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openDeck(page, env.site.url)
    const ids = await page.$$eval('.slides > section', (all) =>
      all.filter((s) => s.querySelector('.deck-vega-lite')).map((s) => s.id),
    )
    expect(ids.length).toBeGreaterThanOrEqual(3)
    const rows: string[] = []
    const small: string[] = []
    for (const id of ids) {
      await page.evaluate((i) => {
        const w = window as unknown as DeckWindow
        w.deck.slide(w.deck.getIndices(document.getElementById(i)!).h)
      }, id)
      const m = await page.evaluate((i) => {
        const s = document.getElementById(i)!
        const scale = s.getBoundingClientRect().width / s.offsetWidth
        let min = Infinity
        for (const t of Array.from(
          s.querySelectorAll<SVGTextElement>('.deck-vega-lite svg text'),
        )) {
          if (!t.textContent?.trim() || !t.getClientRects().length) continue
          const c = t.getScreenCTM()!
          min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(c.a, c.b))
        }
        const body = parseFloat(getComputedStyle(s).fontSize) * scale
        return { min, body }
      }, id)
      rows.push(`${id}: ${m.min.toFixed(1)} px beside ${m.body.toFixed(1)} px`)
      if (!(m.min >= 0.8 * m.body - 0.05)) small.push(rows.at(-1)!)
    }
    console.log(`smallest chart text on the slide at 1280x720:\n${rows.join('\n')}`)
    expect(small).toEqual([])
    await page.close()
  })
})
