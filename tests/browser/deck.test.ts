// The built session in headless Chromium: boots, every slide fits, math typeset, offline, navigable.
import { basename, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import {
  launchChromium,
  openDeck,
  serveSite,
  watchPage,
  type PageWatch,
} from '../helpers/browser.ts'

interface DeckWindow {
  deck: {
    slide: (h: number, v?: number, f?: number) => void
    getIndices: () => { h: number; v: number; f?: number }
    getCurrentSlide: () => HTMLElement
    getTotalSlides: () => number
  }
}

let browser: Browser
let site: { url: string; close: () => Promise<void> }
let page: Page
let watch: PageWatch
const DECK = newestDeck()
// `npm run build` writes the site: the session is at dist/<folder name>/.
const DIST = resolve(ROOT, 'dist', basename(DECK))
const expected = compileDeck(DECK, { root: ROOT }).deck

beforeAll(async () => {
  site = await serveSite(DIST)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  watch = watchPage(page, new URL(site.url).origin)
  await openDeck(page, site.url)
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

const currentId = (): Promise<string> =>
  page.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)

describe('the built deck', () => {
  it('boots with every slide of the sources, in order, with their ids', async () => {
    const ids = await page.$$eval('.reveal .slides > section', (s) => s.map((e) => e.id))
    expect(ids).toEqual(expected.slides.map((s) => s.id))
    expect(await page.evaluate(() => (window as unknown as DeckWindow).deck.getTotalSlides())).toBe(
      expected.slides.length,
    )
    expect(await page.title()).toContain(expected.meta.title)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })

  it('ships the slides pre-rendered: math, MathML and notes are in the page, no Markdown parser runs', async () => {
    const html = await (await fetch(site.url)).text()
    expect(html).toContain('class="katex"')
    expect(html).toContain('<math')
    expect(html).toContain('<aside class="notes">')
    expect(await page.locator('.katex-error').count()).toBe(0)
    expect(await page.locator('.deck-math-error').count()).toBe(0)
    // Every formula carries MathML for screen readers.
    const katex = await page.locator('.katex').count()
    expect(katex).toBeGreaterThan(5)
    expect(await page.locator('.katex .katex-mathml math').count()).toBe(katex)
  })

  it('visits every slide, and no slide overflows the 1280x720 canvas', async () => {
    const problems: string[] = []
    for (let i = 0; i < expected.slides.length; i++) {
      const report = await page.evaluate((index) => {
        const { deck } = window as unknown as DeckWindow
        deck.slide(index, 0, 1000)
        const slide = deck.getCurrentSlide()
        const out: string[] = []
        if (
          slide.scrollHeight > slide.clientHeight + 1 ||
          slide.scrollWidth > slide.clientWidth + 1
        )
          out.push(
            `content ${slide.scrollWidth}x${slide.scrollHeight} in ${slide.clientWidth}x${slide.clientHeight}`,
          )
        const box = slide.getBoundingClientRect()
        for (const el of slide.querySelectorAll<HTMLElement>(
          'h1,h2,h3,p,li,img,table,blockquote,.math-display,.katex-display,pre',
        )) {
          // Notes are not on the slide; a chart's data table for screen readers is clipped to nothing.
          if (el.closest('aside.notes, .deck-chart-data')) continue
          const r = el.getBoundingClientRect()
          if (
            r.right > box.right + 1 ||
            r.bottom > box.bottom + 1 ||
            r.left < box.left - 1 ||
            r.top < box.top - 1
          )
            out.push(`<${el.tagName.toLowerCase()}> sticks out of the slide`)
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
            out.push(`<${el.tagName.toLowerCase()}> scrolls horizontally`)
        }
        return { id: slide.id, out }
      }, i)
      for (const p of report.out) problems.push(`${report.id}: ${p}`)
    }
    expect(problems).toEqual([])
    expect(await currentId()).toBe(expected.slides.at(-1)!.id)
  })

  it('fits every section name and dot of the header in one row, whichever section is current', async () => {
    const firsts = expected.slides.filter(
      (s, i) => s.section && s.section !== expected.slides[i - 1]?.section,
    )
    const problems: string[] = []
    for (const first of firsts) {
      const squeezed = await page.evaluate((index) => {
        ;(window as unknown as DeckWindow).deck.slide(index, 0, 0)
        const nav = document.querySelector<HTMLElement>('.deck-nav-sections')!
        const out: string[] = []
        // The current section's name is bold, so the widths differ by section.
        const edge =
          nav.getBoundingClientRect().right - parseFloat(getComputedStyle(nav).paddingRight)
        for (const li of nav.querySelectorAll<HTMLElement>('.deck-nav-section')) {
          const name = li.querySelector('.deck-nav-name')!.textContent
          if (li.scrollWidth > li.clientWidth + 1) out.push(`${name} is squeezed`)
          if (li.getBoundingClientRect().right > edge + 1) out.push(`${name} runs past the edge`)
        }
        return out
      }, expected.slides.indexOf(first))
      for (const p of squeezed) problems.push(`on #/${first.id}: ${p}`)
    }
    expect(firsts.length).toBeGreaterThan(2)
    expect(problems).toEqual([])
  })

  it('moves with the keyboard and names the slide in the URL', async () => {
    await page.evaluate(() => (window as unknown as DeckWindow).deck.slide(0))
    await page.keyboard.press('ArrowRight')
    expect(await currentId()).toBe(expected.slides[1]!.id)
    await page.waitForFunction((id) => location.hash === `#/${id}`, expected.slides[1]!.id)
    await page.keyboard.press('ArrowLeft')
    expect(await currentId()).toBe(expected.slides[0]!.id)
    await page.keyboard.press('End')
    expect(await currentId()).toBe(expected.slides.at(-1)!.id)
    await page.keyboard.press('Home')
    expect(await currentId()).toBe(expected.slides[0]!.id)
  })

  it('reveals the RLHF questions one at a time', async () => {
    await page.goto(`${site.url}#/problems-with-rlhf`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    const visible = () => page.locator('#problems-with-rlhf .fragment.visible').count()
    expect(await page.locator('#problems-with-rlhf .fragment').count()).toBe(2)
    expect(await visible()).toBe(0)
    await page.keyboard.press('ArrowRight')
    expect(await visible()).toBe(1)
    await page.keyboard.press('ArrowRight')
    expect(await visible()).toBe(2)
  })

  it('opens a deep link on its slide, and a reload stays there', async () => {
    await page.goto(`${site.url}#/pass-at-k`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await currentId()).toBe('pass-at-k')
    await page.reload()
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await currentId()).toBe('pass-at-k')
  })

  it('logged no console error and made no request outside its origin', () => {
    expect(watch.consoleErrors).toEqual([])
    expect(watch.foreignRequests).toEqual([])
  })
})
