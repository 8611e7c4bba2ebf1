// One rhythm on the 1280x720 slide: nothing ends within 24 px of the footer, and where the
// content starts under each title (measured on every slide of the session).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const env = useBuiltDeck()

/** The clearance the content keeps above the footer, in canvas px. */
const FOOTER_CLEARANCE = 24

interface Measure {
  id: string
  /** Canvas px from the slide's top: the title's bottom, the content's top and bottom. */
  heading: number
  top: number
  bottom: number
  /** The footer's top, in canvas px. */
  footer: number
}

async function measure(page: Page): Promise<Measure[]> {
  const out: Measure[] = []
  for (let i = 0; i < slides.length; i++) {
    await page.evaluate((n) => (window as unknown as DeckWindow).deck.slide(n, 0, 99), i)
    out.push(
      await page.evaluate((id) => {
        const s = document.getElementById(id)!
        const r = s.getBoundingClientRect()
        const scale = r.width / s.offsetWidth
        const y = (v: number): number => (v - r.top) / scale
        const shown = Array.from(s.children).filter(
          (c) => c.getBoundingClientRect().height > 0 && !c.matches('aside'),
        )
        const [first, ...rest] = shown
        const heading = first?.matches('h1, h2, h3') ? first : undefined
        const body = heading ? rest : shown
        // The lowest painted thing: any descendant's box (a figure's caption, a table's last row);
        // a chart's data table for screen readers is clipped to nothing, never painted.
        const boxes = body
          .flatMap((b) => [b, ...Array.from(b.querySelectorAll('*'))])
          .filter((b) => !b.closest('.deck-chart-data'))
        const bottoms = boxes
          .map((b) => b.getBoundingClientRect())
          .filter((b) => b.height > 0 && b.width > 0)
          .map((b) => y(b.bottom))
        const footer = parseFloat(getComputedStyle(s).getPropertyValue('--deck-footer-height'))
        return {
          id,
          heading: heading ? y(heading.getBoundingClientRect().bottom) : NaN,
          top: Math.min(...body.map((b) => y(b.getBoundingClientRect().top))),
          bottom: Math.max(...bottoms),
          footer: s.offsetHeight - footer,
        }
      }, slides[i]!.id),
    )
  }
  return out
}

describe('one rhythm (1280x720)', () => {
  it(`ends every slide at least ${FOOTER_CLEARANCE}px above the footer`, async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openDeck(page, env.site.url)
    const all = (await measure(page)).filter((m) => Number.isFinite(m.bottom))
    expect(all.length).toBe(slides.length)
    const rows = all.map(
      (m) =>
        `${m.id}: title ends ${Math.round(m.heading)}, content ${Math.round(m.top)}-${Math.round(m.bottom)} ` +
        `(${Math.round(m.top - m.heading)} under the title, ${Math.round(m.footer - m.bottom)} above the footer)`,
    )
    console.log(rows.join('\n'))
    const tight = all
      .filter((m) => m.footer - m.bottom < FOOTER_CLEARANCE)
      .map((m) => `${m.id}: ends ${Math.round(m.footer - m.bottom)}px above the footer`)
    expect(tight).toEqual([])
    await page.close()
  })
})
