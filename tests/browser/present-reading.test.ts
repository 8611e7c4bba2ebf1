// The reading view for attendees. reveal.js's scroll view (`?view=scroll`, and by
// default on a narrow screen), a visible control to switch between presenting and reading, and a
// toggle that shows the speaker notes under each slide as a handout.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const late = slides.at(-3)!.id
const withMath = 'pass-at-k-definition'

const env = useBuiltDeck()

const currentId = (p: Page): Promise<string> =>
  p.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)
const isScrollView = (p: Page): Promise<boolean> =>
  p.evaluate(() => (window as unknown as DeckWindow).deck.isScrollView())
/** Whether the slide's page is (at least half) in the window. */
const onScreen = (p: Page, id: string): Promise<boolean> =>
  p.$eval(`section[id="${id}"]`, (s) => {
    const r = s.getBoundingClientRect()
    const seen = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)
    return seen >= Math.min(r.height, innerHeight) / 2
  })

async function open(url: string, width = 1280, height = 720): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' })
  await openDeck(page, url)
  return page
}

describe('the reading view', () => {
  it('shows every slide as one scrolling page with ?view=scroll, and its own control bar', async () => {
    const page = await open(`${env.site.url}?view=scroll`)
    expect(await isScrollView(page)).toBe(true)
    expect(await page.locator('.scroll-page').count()).toBe(slides.length)
    expect(await page.locator('.deck-readbar').isVisible()).toBe(true)
    expect(await page.locator('.deck-nav').isVisible()).toBe(false)
    // All slides' content is there to read, with fragments shown as the reader scrolls.
    await page.close()
  })

  it('opens a deep link on its slide, and the URL follows the scrolling without adding history', async () => {
    const page = await open(`${env.site.url}?view=scroll#/${late}`)
    expect(await currentId(page)).toBe(late)
    expect(await onScreen(page, late)).toBe(true)
    const before = await page.evaluate(() => history.length)
    await page.$eval(`section[id="${withMath}"]`, (s) =>
      s.closest('.scroll-page')!.scrollIntoView({ block: 'start' }),
    )
    await expect.poll(() => currentId(page)).toBe(withMath)
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${withMath}`)
    expect(await page.evaluate(() => history.length)).toBe(before)
    await page.close()
  })

  it('is the default on a narrow screen, keeping the linked slide', async () => {
    const page = await open(`${env.site.url}#/${late}`, 390, 844)
    expect(await isScrollView(page)).toBe(true)
    expect(await currentId(page)).toBe(late)
    expect(await onScreen(page, late)).toBe(true)
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${late}`)
    expect(await page.locator('.deck-readbar').isVisible()).toBe(true)
    await page.close()
  })
})

describe('switching between presenting and reading', () => {
  it('goes from the presentation to the reading view with the footer control, on the same slide', async () => {
    const page = await open(`${env.site.url}#/${withMath}`)
    expect(await isScrollView(page)).toBe(false)
    await page.click('.deck-footer a[data-tool="read"]')
    await page.waitForURL(/view=scroll/)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await isScrollView(page)).toBe(true)
    expect(await currentId(page)).toBe(withMath)
    expect(await onScreen(page, withMath)).toBe(true)
    // And back with the bar's Present control.
    await page.getByRole('link', { name: 'Present' }).click()
    await page.waitForURL((url) => !url.search.includes('view=scroll'))
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await isScrollView(page)).toBe(false)
    expect(await currentId(page)).toBe(withMath)
    // R switches too.
    await page.keyboard.press('r')
    await page.waitForURL(/view=scroll/)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await isScrollView(page)).toBe(true)
    await page.close()
  })

  it('presents on a narrow screen when asked to (?view=present)', async () => {
    const page = await open(`${env.site.url}#/${late}`, 390, 844)
    await page.getByRole('link', { name: 'Present' }).click()
    await page.waitForURL(/view=present/)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await isScrollView(page)).toBe(false)
    expect(await currentId(page)).toBe(late)
    await page.close()
  })
})

describe('the handout', () => {
  it('shows each slide’s notes, math included, under it, and hides them again', async () => {
    const page = await open(`${env.site.url}?view=scroll#/${withMath}`)
    const toggle = page.getByRole('button', { name: 'Notes' })
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    expect(await page.locator('.deck-handout-notes:visible').count()).toBe(0)
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    await page.waitForURL(/handout/)
    expect(await page.locator('.deck-handout-notes:visible').count()).toBe(slides.length)
    // The notes sit under their slide, with the slide's math typeset.
    const placed = await page.$eval(`section[id="${withMath}"]`, (s) => {
      const page = s.closest('.scroll-page')!
      const notes = page.querySelector<HTMLElement>('.deck-handout-notes')!
      return {
        below: notes.getBoundingClientRect().top >= s.getBoundingClientRect().bottom - 1,
        text: notes.textContent!.replace(/\s+/g, ' '),
        original: s.querySelector('aside.notes')!.textContent!.replace(/\s+/g, ' '),
        math: notes.querySelectorAll('.katex .katex-mathml math').length,
      }
    })
    expect(placed.below).toBe(true)
    expect(placed.text).toBe(placed.original)
    expect(placed.math).toBeGreaterThan(0)
    // Still on the slide being read, and reveal.js agrees.
    await expect.poll(() => currentId(page)).toBe(withMath)
    await expect.poll(() => onScreen(page, withMath)).toBe(true)
    await toggle.click()
    // The toggle acts through the lazily loaded handout module: wait for it, do not race it.
    await expect.poll(() => page.locator('.deck-handout-notes:visible').count()).toBe(0)
    await page.close()
  })

  it('opens with the notes shown from a ?view=scroll&handout link, on a phone too', async () => {
    const page = await open(`${env.site.url}?view=scroll&handout#/${late}`, 390, 844)
    await expect.poll(() => page.locator('.deck-handout-notes:visible').count()).toBe(slides.length)
    await expect.poll(() => currentId(page)).toBe(late)
    await expect.poll(() => onScreen(page, late)).toBe(true)
    await page.close()
  })
})
