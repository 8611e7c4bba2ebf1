// Navigation. Overview (Esc), fullscreen (F), search across slides (reveal.js's
// search plugin), zoom, touch swipe, a URL per slide from its stable id, back/forward. Also the JS
// budget: at most 60 KB gzip before the first slide shows; search and zoom come later.
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const ids = slides.map((s) => s.id)

const env = useBuiltDeck()
let page: Page

const currentId = (p = page): Promise<string> =>
  p.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)

beforeAll(async () => {
  page = await env.browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
})

describe('loading', () => {
  it('loads at most 60 KB (gzip) of JS before the first slide shows, search and zoom after', async () => {
    await page.goto(env.site.url)
    await page.waitForSelector('html[data-deck-ready="true"]')
    // The idle-time plugins arrive after the first slide.
    await page.waitForFunction(() => {
      const deck = (window as unknown as { deck: { hasPlugin: (id: string) => boolean } }).deck
      return deck.hasPlugin('search') && deck.hasPlugin('zoom')
    })
    const { before, after } = await page.evaluate(() => {
      const ready = performance.getEntriesByName('deck-ready')[0]!.startTime
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js')) as PerformanceResourceTiming[]
      return {
        before: scripts.filter((e) => e.responseEnd <= ready).map((e) => e.name),
        after: scripts.filter((e) => e.responseEnd > ready).map((e) => e.name),
      }
    })
    let total = 0
    for (const url of before)
      total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length
    console.log(`JS before the first slide: ${before.length} files, ${total} bytes gzip`)
    expect(total).toBeGreaterThan(20_000)
    expect(total).toBeLessThanOrEqual(60 * 1024)
    expect(before.filter((url) => /search|zoom|view-|handout|print/.test(url))).toEqual([])
    expect(after.filter((url) => /search|zoom/.test(url))).toHaveLength(2)
  })
})

describe('navigation', () => {
  beforeAll(async () => {
    await openDeck(page, env.site.url)
  })

  it('gives every slide a URL from its id; back and forward walk the slides shown', async () => {
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((id) => location.hash === `#/${id}`, ids[2])
    expect(await currentId()).toBe(ids[2])
    await page.goBack()
    await expect.poll(() => currentId()).toBe(ids[1])
    expect(new URL(page.url()).hash).toBe(`#/${ids[1]}`)
    await page.goBack()
    await expect.poll(() => currentId()).toBe(ids[0])
    await page.goForward()
    await expect.poll(() => currentId()).toBe(ids[1])
    // A slide's URL opens that slide.
    await page.goto(`${env.site.url}#/${ids[5]}`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await currentId()).toBe(ids[5])
  })

  it('writes a step to the URL after the slide has painted, and a link followed meanwhile wins', async () => {
    const at = await page.evaluate(() => {
      const deck = (window as unknown as DeckWindow).deck
      deck.next()
      // The entry is written after the paint, not in the key press.
      const during = location.hash
      const shown = deck.getCurrentSlide().id
      // A link to another slide followed in that frame, before the entry is written.
      requestAnimationFrame(() => (location.hash = '#/outline'))
      return { during, shown }
    })
    expect(at.during).not.toBe(`#/${at.shown}`)
    await expect.poll(() => currentId()).toBe('outline')
    await page.waitForTimeout(200)
    expect(new URL(page.url()).hash).toBe('#/outline')
    await page.goto(`${env.site.url}#/${ids[5]}`)
    await expect.poll(() => currentId()).toBe(ids[5])
  })

  it('opens and closes the overview with Esc', async () => {
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => (window as unknown as DeckWindow).deck.isOverview())).toBe(
      true,
    )
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => (window as unknown as DeckWindow).deck.isOverview())).toBe(
      false,
    )
    expect(await currentId()).toBe(ids[6])
  })

  it('goes full screen with F (and with the footer button)', async () => {
    await page.keyboard.press('f')
    await page.waitForFunction(() => document.fullscreenElement !== null)
    await page.evaluate(() => document.exitFullscreen())
    await page.waitForFunction(() => document.fullscreenElement === null)
    await page.click('.deck-tool[data-tool="fullscreen"]')
    await page.waitForFunction(() => document.fullscreenElement !== null)
    await page.evaluate(() => document.exitFullscreen())
  })

  it('searches across the slides (Ctrl+Shift+F) and jumps to a match', async () => {
    const target = slides.find((s) => s.id.includes('chatham'))!
    await page.evaluate(() => (window as unknown as DeckWindow).deck.slide(0))
    await page.keyboard.press('Control+Shift+F')
    const input = page.locator('.searchbox input')
    await input.waitFor()
    expect(await input.getAttribute('aria-label')).toMatch(/Search/)
    await input.fill('Chatham House Rule')
    await input.press('Enter')
    await expect.poll(() => currentId()).toBe(target.id)
    expect(await page.locator(`section[id="${target.id}"] em`).count()).toBeGreaterThan(0)
    await page.keyboard.press('Control+Shift+F')
    await expect.poll(() => input.isVisible()).toBe(false)
  })

  it('zooms into the slide with Ctrl+click (Alt+click off Linux)', async () => {
    const heading = page.locator('.reveal .slides section.present :is(h1, h2)')
    await heading.click({ modifiers: ['Control'] })
    await expect
      .poll(() => page.evaluate(() => document.body.style.transform))
      .toMatch(/scale\(2\)/)
    await heading.click({ modifiers: ['Control'] })
    await expect.poll(() => page.evaluate(() => document.body.style.transform)).toBe('')
  })
})

describe('touch', () => {
  it('swipes between slides on a phone held sideways', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 844, height: 390 },
      hasTouch: true,
      isMobile: true,
      reducedMotion: 'reduce',
    })
    const phone = await context.newPage()
    await openDeck(phone, env.site.url)
    expect(await phone.evaluate(() => (window as unknown as DeckWindow).deck.isScrollView())).toBe(
      false,
    )
    const cdp = await context.newCDPSession(phone)
    const swipe = async (from: number, to: number): Promise<void> => {
      const y = 200
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: [{ x: from, y }],
      })
      for (let i = 1; i <= 5; i++)
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchMove',
          touchPoints: [{ x: from + ((to - from) * i) / 5, y }],
        })
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    }
    await swipe(600, 200)
    await expect.poll(() => currentId(phone)).toBe(ids[1])
    await swipe(200, 600)
    await expect.poll(() => currentId(phone)).toBe(ids[0])
    await context.close()
  })
})
