// The `?` help is the deck's own dialog, not reveal.js's unstyled overlay: the deck's fonts and
// colours (light and dark), the whole of it inside a 1280x720 window, the deck's own keys listed
// first; keys do not move the deck behind it, and Esc closes it.
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  openDeck,
  useBuiltDeck,
  watchPage,
  type DeckWindow,
  type PageWatch,
} from '../helpers/browser.ts'

const env = useBuiltDeck()
let page: Page
let watch: PageWatch

const slideId = (): Promise<string> =>
  page.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)
const isOpen = (): Promise<boolean> => page.locator('.deck-help-dialog').isVisible()

beforeAll(async () => {
  page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
  watch = watchPage(page, new URL(env.site.url).origin)
  await openDeck(page, `${env.site.url}#/pass-at-k-definition`)
})

describe('the ? help', () => {
  it('opens the deck’s own dialog, not reveal.js’s overlay', async () => {
    await page.keyboard.press('Shift+Slash')
    expect(await isOpen()).toBe(true)
    expect(await page.locator('.r-overlay-help').count()).toBe(0)
    expect(await page.getAttribute('.deck-help-dialog', 'role')).toBe('dialog')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('deck-help-close')
  })

  it('fits 1280x720 whole, in the deck’s fonts', async () => {
    const box = await page.evaluate(() => {
      const dialog = document.querySelector<HTMLElement>('.deck-help-dialog')!
      const r = dialog.getBoundingClientRect()
      const fonts = [...dialog.querySelectorAll('h2, h3, dt kbd, dd, button')].map(
        (e) => getComputedStyle(e).fontFamily,
      )
      return {
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        scrolls: dialog.scrollHeight > dialog.clientHeight,
        fonts: [...new Set(fonts)],
        deckFont: getComputedStyle(document.querySelector('.reveal')!).fontFamily,
      }
    })
    expect(box.top).toBeGreaterThanOrEqual(0)
    expect(box.bottom).toBeLessThanOrEqual(720)
    expect(box.left).toBeGreaterThanOrEqual(0)
    expect(box.right).toBeLessThanOrEqual(1280)
    expect(box.scrolls).toBe(false)
    expect(box.fonts).toEqual([box.deckFont])
    expect(box.deckFont).toMatch(/^"Inter Variable"/)
  })

  it('lists the deck’s keys first: the speaker view, the reading view, search', async () => {
    const sections = await page.$$eval('.deck-help-section', (all) =>
      all.map((s) => ({
        title: s.querySelector('h3')!.textContent,
        keys: [...s.querySelectorAll('dt')].map((dt) => dt.textContent!.trim()),
      })),
    )
    expect(sections.map((s) => s.title)).toEqual(['This deck', 'Moving around'])
    expect(sections[0]!.keys.slice(0, 3)).toEqual(['S', 'R', 'Ctrl+Shift+F'])
    expect(sections[1]!.keys[0]).toMatch(/→/)
  })

  it('takes the theme’s colours, light and dark', async () => {
    const colours = () =>
      page.evaluate(() => {
        const probe = document.createElement('div')
        probe.style.background = 'var(--deck-bg)'
        probe.style.color = 'var(--deck-ink)'
        document.body.append(probe)
        const want = getComputedStyle(probe)
        const dialog = getComputedStyle(document.querySelector('.deck-help-dialog')!)
        const out = {
          background: dialog.backgroundColor,
          wantBackground: want.backgroundColor,
          ink: getComputedStyle(document.querySelector('.deck-help-dialog dd')!).color,
          wantInk: want.color,
        }
        probe.remove()
        return out
      })
    const light = await colours()
    expect(light.background).toBe(light.wantBackground)
    expect(light.ink).toBe(light.wantInk)
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'))
    const dark = await colours()
    expect(dark.background).toBe(dark.wantBackground)
    expect(dark.background).not.toBe(light.background)
    expect(dark.ink).toBe(dark.wantInk)
    await page.evaluate(() => delete document.documentElement.dataset.theme)
  })

  it('keeps the deck still while open, and closes with Esc (no overview) or ?', async () => {
    const before = await slideId()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('n')
    await page.keyboard.press('End')
    expect(await slideId()).toBe(before)
    expect(await isOpen()).toBe(true)
    await page.keyboard.press('Escape')
    expect(await isOpen()).toBe(false)
    expect(await page.evaluate(() => (window as unknown as DeckWindow).deck.isOverview())).toBe(
      false,
    )
    await page.keyboard.press('Shift+Slash')
    expect(await isOpen()).toBe(true)
    await page.keyboard.press('Shift+Slash')
    expect(await isOpen()).toBe(false)
    // Closed, the keys move the deck again.
    await page.keyboard.press('ArrowRight')
    await expect.poll(slideId).not.toBe(before)
    expect(watch.consoleErrors).toEqual([])
  })
})
