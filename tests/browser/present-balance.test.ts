// A slide with little on it is balanced: what follows the heading is centred in
// the room between the heading and the footer, so no slide leaves its lower 40% empty; and a full
// slide still fits (tests/browser/deck.test.ts checks the overflow).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const env = useBuiltDeck()

interface Room {
  id: string
  /** Canvas px: the heading's bottom, the content's top and bottom, the footer's top. */
  heading: number
  top: number
  bottom: number
  limit: number
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
        const footer = parseFloat(getComputedStyle(s).getPropertyValue('--deck-footer-height'))
        return {
          id,
          heading: heading ? y(heading.getBoundingClientRect().bottom) : y(r.top),
          top: Math.min(...body.map((b) => y(b.getBoundingClientRect().top))),
          bottom: Math.max(...body.map((b) => y(b.getBoundingClientRect().bottom))),
          limit: s.offsetHeight - footer,
        }
      }, slides[i]!.id),
    )
  }
  return out
}

describe('slide balance (1280x720)', () => {
  it('leaves no slide’s lower 40% empty, and centres a short slide’s content under its heading', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openDeck(page, env.site.url)
    const all = (await rooms(page)).filter((r) => r.id !== slides[0]!.id && Number.isFinite(r.top))
    expect(all.length).toBeGreaterThan(10)
    const empty = all
      .filter((r) => r.limit - r.bottom > 0.4 * (r.limit - r.heading) + 1)
      .map(
        (r) =>
          `${r.id}: ${Math.round(r.limit - r.bottom)}px empty below (of ${Math.round(r.limit - r.heading)})`,
      )
    expect(empty).toEqual([])
    // Centred: the space above the content and below it differ by little (when there is space).
    const lopsided = all
      .filter(
        (r) => r.limit - r.bottom > 40 && Math.abs(r.top - r.heading - (r.limit - r.bottom)) > 48,
      )
      .map(
        (r) =>
          `${r.id}: ${Math.round(r.top - r.heading)}px above, ${Math.round(r.limit - r.bottom)}px below`,
      )
    expect(lopsided).toEqual([])
    await page.close()
  })
})
