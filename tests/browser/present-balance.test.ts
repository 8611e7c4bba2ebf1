// One rhythm on the 1280x720 slide (src/theme/theme.css, src/runtime/fill.ts): what follows the
// title starts at the same height under it on every slide but the title slide, never centred in
// its room; a slide with little on it is set a step or two larger on the type scale instead of
// floating, so no slide leaves its lower 40% empty unless it is set at the largest step; and a
// full slide is as written. Prints the first line's height per slide.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { FILL_STEPS } from '../../src/runtime/fill.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const env = useBuiltDeck()

interface Room {
  id: string
  /** Canvas px: the heading's bottom, the first line's top, the content's bottom, the footer's top. */
  heading: number
  first: number
  bottom: number
  limit: number
  /** The factor the slide's content is set at (1: as written). */
  fill: number
}

async function rooms(page: Page): Promise<Room[]> {
  const out: Room[] = []
  for (let i = 0; i < slides.length; i++) {
    await page.evaluate((n) => (window as unknown as DeckWindow).deck.slide(n, 0, 99), i)
    out.push(
      await page.evaluate((id) => {
        const s = document.getElementById(id)!
        const r = s.getBoundingClientRect()
        const scale = r.width / s.offsetWidth
        const y = (v: number): number => (v - r.top) / scale
        const [first, ...rest] = Array.from(s.children).filter(
          (c) => c.getBoundingClientRect().height > 0 && !c.matches('aside'),
        )
        const heading = first?.matches('h1, h2, h3') ? first : undefined
        const body = heading ? rest : [first!, ...rest]
        // The first line: the top of the first thing painted under the heading: a line of text,
        // a graphic, or a box with a background or a border (a quote, a card).
        const range = document.createRange()
        range.selectNodeContents(body[0]!)
        const lines = Array.from(range.getClientRects()).filter((b) => b.height > 0)
        const painted = [body[0]!, ...Array.from(body[0]!.querySelectorAll('*'))].filter((e) => {
          if (e.matches('svg, img')) return true
          const st = getComputedStyle(e)
          return (
            st.backgroundColor !== 'rgba(0, 0, 0, 0)' ||
            parseFloat(st.borderTopWidth) > 0 ||
            parseFloat(st.borderLeftWidth) > 0
          )
        })
        const top = Math.min(
          ...lines.map((b) => b.top),
          ...painted
            .map((g) => g.getBoundingClientRect())
            .filter((b) => b.height > 0)
            .map((b) => b.top),
        )
        const boxes = body
          .flatMap((b) => [b, ...Array.from(b.querySelectorAll('*'))])
          .filter((b) => !b.closest('.deck-chart-data'))
          .map((b) => b.getBoundingClientRect())
          .filter((b) => b.height > 0 && b.width > 0)
        const footer = parseFloat(getComputedStyle(s).getPropertyValue('--deck-footer-height'))
        return {
          id,
          heading: heading ? y(heading.getBoundingClientRect().bottom) : y(r.top),
          first: y(top),
          bottom: Math.max(...boxes.map((b) => y(b.bottom))),
          limit: s.offsetHeight - footer,
          fill: parseFloat(s.style.getPropertyValue('--deck-fill')) || 1,
        }
      }, slides[i]!.id),
    )
  }
  return out
}

describe('one rhythm (1280x720)', () => {
  it('starts the content at the same height under every title, and sets short slides larger', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openDeck(page, env.site.url)
    await page.evaluate(() => document.fonts.ready)
    const all = (await rooms(page)).filter((r) => r.id !== slides[0]!.id)
    expect(all.length).toBeGreaterThan(10)
    console.log(
      all
        .map(
          (r) =>
            `${r.id}: title ends ${Math.round(r.heading)}, first line ${Math.round(r.first)}, ` +
            `ends ${Math.round(r.bottom)} of ${Math.round(r.limit)}, set at ${r.fill.toFixed(3)}`,
        )
        .join('\n'),
    )
    // The first line sits the same distance under every title: the heading's margin (lines of
    // different sizes have their own half-leading, a few px).
    const gaps = all.map((r) => r.first - r.heading)
    const spread = Math.max(...gaps) - Math.min(...gaps)
    console.log(
      `first line under the title: ${Math.min(...gaps).toFixed(0)}-${Math.max(...gaps).toFixed(0)} px (spread ${spread.toFixed(0)} px)`,
    )
    expect(spread).toBeLessThanOrEqual(6)
    // No floating: the content starts right under the title, not centred in the room.
    expect(all.filter((r) => r.first - r.heading > 40).map((r) => r.id)).toEqual([])
    // Short slides are set larger: none leaves its lower 40% empty unless it is at the top step.
    const empty = all
      .filter((r) => r.limit - r.bottom > 0.4 * (r.limit - r.heading) + 1 && r.fill < FILL_STEPS[0])
      .map((r) => `${r.id}: ${Math.round(r.limit - r.bottom)}px empty below, set at ${r.fill}`)
    expect(empty).toEqual([])
    expect(all.some((r) => r.fill > 1)).toBe(true)
    await page.close()
  })
})
