// The Beamer-style frame. A miniframes header generated from the slides'
// sections (names, one dot per slide, the current ones marked, all clickable) and a footer with
// presenter, short title and n / N; out of the way in overview, reading view and print, and never
// over the slide's content.
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const expected = compileDeck(newestDeck(), { root: ROOT }).deck
const slides = expected.slides
/** Sections in order, with their slides' ids. */
const sections: { name: string; ids: string[] }[] = []
for (const s of slides) {
  if (!s.section) continue
  const last = sections.at(-1)
  if (last?.name === s.section) last.ids.push(s.id)
  else sections.push({ name: s.section, ids: [s.id] })
}

const env = useBuiltDeck()
let page: Page

const currentId = (): Promise<string> =>
  page.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)
const go = (id: string): Promise<void> =>
  page.evaluate((target) => {
    const { deck } = window as unknown as DeckWindow
    deck.slide(deck.getIndices(document.getElementById(target)!).h, 0, 0)
  }, id)
const visible = (selector: string): Promise<boolean> =>
  page.$eval(
    selector,
    (e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none',
  )

beforeAll(async () => {
  page = await env.browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await openDeck(page, env.site.url)
})

describe('the miniframes header', () => {
  it('has the deck’s sections, in order, with one dot per slide', async () => {
    expect(sections.length).toBeGreaterThan(2)
    const header = await page.$$eval('.deck-nav .deck-nav-section', (items) =>
      items.map((item) => ({
        name: item.querySelector('.deck-nav-name')!.textContent,
        ids: Array.from(item.querySelectorAll<HTMLAnchorElement>('.deck-nav-dot')).map((a) =>
          decodeURIComponent(a.hash.slice(2)),
        ),
      })),
    )
    expect(header).toEqual(sections)
  })

  it('marks the current section and fills the current slide’s dot, as the deck moves', async () => {
    for (const section of sections) {
      const id = section.ids.at(-1)!
      await go(id)
      expect(await page.textContent('.deck-nav-section.current .deck-nav-name')).toBe(section.name)
      expect(await page.$$eval('.deck-nav [aria-current="step"]', (d) => d.length)).toBe(1)
      expect(await page.getAttribute('.deck-nav [aria-current="step"]', 'href')).toBe(`#/${id}`)
      // The filled dot is drawn filled; the others are rings.
      const fills = await page.$$eval('.deck-nav-dot', (dots) =>
        dots.map((d) => getComputedStyle(d, '::before').backgroundColor),
      )
      expect(fills.filter((f) => f !== 'rgba(0, 0, 0, 0)')).toHaveLength(1)
    }
  })

  it('navigates when a section name or a dot is clicked', async () => {
    await go(slides[0]!.id)
    const target = sections.at(-2)!
    await page.click(`.deck-nav-name:text-is("${target.name}")`)
    await expect.poll(currentId).toBe(target.ids[0])
    const dot = sections[1]!.ids.at(-1)!
    await page.click(`.deck-nav-dot[href="#/${dot}"]`)
    await expect.poll(currentId).toBe(dot)
  })
})

describe('the footer', () => {
  it('shows the presenter, the short title, the date and n / N', async () => {
    await go(sections[1]!.ids[0]!)
    const index = slides.findIndex((s) => s.id === sections[1]!.ids[0])
    expect(await page.textContent('.deck-footer-presenter')).toBe(expected.meta.presenter)
    expect(await page.textContent('.deck-footer-title')).toBe(
      expected.meta.shortTitle ?? expected.meta.title,
    )
    expect(await page.textContent('.deck-footer-date')).toMatch(/2025/)
    // "Slide" is for screen readers; the footer shows "n / N".
    expect(await page.textContent('.deck-footer-count')).toBe(
      `Slide ${index + 1} / ${slides.length}`,
    )
    expect(
      await page.$eval('.deck-footer-count', (e) =>
        [...e.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join(''),
      ),
    ).toBe(`${index + 1} / ${slides.length}`)
  })
})

describe('the frame and the slide', () => {
  it('never covers a slide’s content, on any slide', async () => {
    const problems: string[] = []
    for (const slide of slides) {
      await go(slide.id)
      const found = await page.evaluate(() => {
        const { deck } = window as unknown as DeckWindow
        const section = deck.getCurrentSlide()
        const bars = ['.deck-nav', '.deck-footer'].map((s) =>
          document.querySelector(s)!.getBoundingClientRect(),
        )
        const out: string[] = []
        for (const el of section.querySelectorAll<HTMLElement>(
          'h1,h2,h3,p,li,img,svg,table,blockquote,pre,.katex-display,figure,canvas,input,button',
        )) {
          // A chart's data table for screen readers is clipped to nothing: the frame covers no text of it.
          if (el.closest('aside.notes, .deck-chart-data') || el.getClientRects().length === 0)
            continue
          const r = el.getBoundingClientRect()
          for (const bar of bars)
            if (
              r.bottom > bar.top + 1 &&
              r.top < bar.bottom - 1 &&
              r.right > bar.left &&
              r.left < bar.right
            )
              out.push(`<${el.tagName.toLowerCase()}> ${(el.textContent ?? '').slice(0, 30)}`)
        }
        return out
      })
      for (const p of found) problems.push(`${slide.id}: ${p}`)
    }
    expect(problems).toEqual([])
  })

  it('steps aside in the overview', async () => {
    expect(await visible('.deck-nav')).toBe(true)
    await page.keyboard.press('Escape')
    await page.waitForSelector('.reveal.overview')
    expect(await visible('.deck-nav')).toBe(false)
    expect(await visible('.deck-footer')).toBe(false)
    await page.keyboard.press('Escape')
    await page.waitForSelector('.reveal:not(.overview)')
    expect(await visible('.deck-footer')).toBe(true)
  })

  it('steps aside in the reading view and in print', async () => {
    for (const query of ['?view=scroll', '?print-pdf']) {
      const other = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
      await other.goto(`${env.site.url}${query}`)
      await other.waitForSelector('html[data-deck-ready="true"]')
      const frames = await other.$$eval('.deck-frame', (f) =>
        f.filter((e) => e.getClientRects().length > 0),
      )
      expect(frames, query).toHaveLength(0)
      await other.close()
    }
  })
})
