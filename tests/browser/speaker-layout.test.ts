// The speaker view's layout at 1280x720: the next slide at least 40% of the window's width, no
// empty band in either column, nothing moves when the deck connects; opened directly (no deck
// window), it offers a button that opens the deck window, which it then drives.
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { useBuiltDeck, watchPage, type DeckWindow, type PageWatch } from '../helpers/browser.ts'

const env = useBuiltDeck()
let context: BrowserContext
let speaker: Page
let watch: PageWatch

type Box = [number, number, number, number]
const LAYOUT = `(() => {
  function box(s) {
    const e = document.querySelector(s)
    if (!e) return null
    const b = e.getBoundingClientRect()
    return [b.x, b.y, b.width, b.height].map(Math.round)
  }
  return {
    bar: box('.speaker-bar'),
    current: box('.speaker-current'),
    currentFrame: box('.speaker-current .speaker-preview'),
    foot: box('.speaker-current-foot'),
    link: box('.speaker-link'),
    next: box('.speaker-next'),
    nextFrame: box('.speaker-next .speaker-preview'),
    notes: box('.speaker-notes'),
    page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  }
})()`
type Layout = Record<
  'bar' | 'current' | 'currentFrame' | 'foot' | 'link' | 'next' | 'nextFrame' | 'notes',
  Box
> & {
  page: [number, number]
}
const layout = (page: Page): Promise<Layout> => page.evaluate(LAYOUT) as Promise<Layout>
const bottom = (b: Box): number => b[1] + b[3]

beforeAll(async () => {
  context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
  speaker = await context.newPage()
  watch = watchPage(speaker, new URL(env.site.url).origin)
  await speaker.goto(`${env.site.url}?view=speaker#/pass-at-k-definition`)
  await speaker.waitForSelector('html[data-deck-ready="true"]')
})

describe('the speaker view at 1280x720', () => {
  let before: Layout

  it('gives the next slide at least 40% of the width and leaves no empty band', async () => {
    before = await layout(speaker)
    expect(before.page).toEqual([1280, 720])
    expect(before.nextFrame[2]).toBeGreaterThanOrEqual(0.4 * 1280)
    // The current slide stays the larger one.
    expect(before.currentFrame[2]).toBeGreaterThan(before.nextFrame[2])
    // Both columns run from the top margin to the bottom margin, 12 px gaps between panes.
    expect(before.bar[1]).toBe(12)
    expect(before.current[1] - bottom(before.bar)).toBe(12)
    expect(bottom(before.current)).toBe(708)
    expect(before.next[1]).toBe(12)
    expect(before.notes[1] - bottom(before.next)).toBe(12)
    expect(bottom(before.notes)).toBe(708)
    // Inside the current slide's pane: the slide, its line (position, buttons), the deck's line,
    // each under the one before with no more than a small gap, down to the pane's bottom.
    expect(before.foot[1] - bottom(before.currentFrame)).toBeLessThanOrEqual(12)
    expect(before.link[1] - bottom(before.foot)).toBeLessThanOrEqual(12)
    expect(bottom(before.current) - bottom(before.link)).toBeLessThanOrEqual(12)
    // The next slide's pane ends with its slide.
    expect(bottom(before.next) - bottom(before.nextFrame)).toBeLessThanOrEqual(12)
  })

  it('opened directly, offers to open the deck window instead of a bare warning', async () => {
    expect(await speaker.getAttribute('.speaker-status', 'data-link')).toBe('none')
    const open = speaker.getByRole('button', { name: 'Open the deck window' })
    expect(await open.isVisible()).toBe(true)
    const popup = context.waitForEvent('page')
    await open.click()
    const deck = await popup
    await deck.waitForSelector('html[data-deck-ready="true"]')
    // The deck opens on the slide the speaker view shows, and they connect.
    expect(
      await deck.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id),
    ).toBe('pass-at-k-definition')
    await expect
      .poll(() => speaker.getAttribute('.speaker-status', 'data-link'), { timeout: 10_000 })
      .toBe('connected')
    expect(await open.isVisible()).toBe(false)
    // Nothing moved when it connected.
    expect(await layout(speaker)).toEqual(before)
    // The speaker view drives the deck it opened, and follows it.
    await speaker.bringToFront()
    await speaker.keyboard.press('ArrowRight')
    await expect
      .poll(() => deck.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id))
      .not.toBe('pass-at-k-definition')
    const id = await deck.evaluate(
      () => (window as unknown as DeckWindow).deck.getCurrentSlide().id,
    )
    await speaker.waitForSelector(`html[data-speaker-slide="${id}"]`)
    expect(watch.consoleErrors).toEqual([])
  })
})
