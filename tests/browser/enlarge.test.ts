// Tap or click to enlarge (tests/fixtures/sites/figures): a figure, a Mermaid diagram and a
// Vega-Lite chart open full screen in a dialog, by click and by keyboard; Esc closes it without
// moving the deck (reveal.js's Esc is the overview) and gives the focus back; the enlarged view is
// larger than the slide's; on a 390x844 phone the reading view says "Tap to enlarge".
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/site/paths.ts'
import { launchChromium, openDeck, serveSite, watchPage, type Site } from '../helpers/browser.ts'

const DECK = 'tests/fixtures/sites/figures/slides/2025-06-01-figures'
const OUT = mkdtempSync(join(tmpdir(), 'figures-'))
const run = promisify(execFile)

let browser: Browser
let site: Site

beforeAll(async () => {
  await run('npm', ['run', 'build', '--', '--slides', DECK, '--out', OUT], {
    cwd: ROOT,
    timeout: 180_000,
  })
  site = await serveSite(OUT)
  browser = await launchChromium()
}, 200_000)
afterAll(async () => {
  await browser?.close()
  await site?.close()
  rmSync(OUT, { recursive: true, force: true })
})

async function open(width: number, height: number, query: string, hash: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width, height },
    reducedMotion: 'reduce',
    // A phone's touch screen (page.tap) at phone sizes.
    hasTouch: width < 500,
  })
  await openDeck(page, `${site.url}${query}#/${hash}`)
  return page
}

interface DeckState {
  id: string
  overview: boolean
}
const deckState = (page: Page): Promise<DeckState> =>
  page.evaluate(() => {
    const deck = (
      window as unknown as {
        deck: { getCurrentSlide(): Element; isOverview(): boolean }
      }
    ).deck
    return { id: deck.getCurrentSlide().id, overview: deck.isOverview() }
  })

/** The width and height (CSS px) of an element's box. */
const box = (page: Page, selector: string): Promise<{ w: number; h: number }> =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect()
    return { w: r.width, h: r.height }
  })

const SLIDES = [
  { id: 'figure', graphic: 'figure.deck-figure > img' },
  { id: 'diagram', graphic: 'figure.deck-mermaid > svg' },
  { id: 'chart', graphic: 'figure.deck-vega-lite > svg' },
]

describe('enlarge in the presentation (1280x720)', () => {
  for (const { id, graphic } of SLIDES)
    it(`opens the ${id} by a click, larger; Esc closes it and the deck stays on its slide`, async () => {
      const page = await open(1280, 720, '?view=present', id)
      const watch = watchPage(page, site.url.replace(/\/$/, ''))
      const inline = await box(page, `#${id} ${graphic}`)
      await page.click(`#${id} ${graphic}`)
      await page.waitForSelector('dialog.deck-lightbox[open]')
      const enlarged = await box(page, 'dialog.deck-lightbox .deck-lightbox-graphic')
      expect(enlarged.w).toBeGreaterThan(inline.w * 1.05)
      // The dialog is modal and has the focus; reveal.js gets no key while it is open.
      expect(await page.evaluate(() => document.activeElement?.className)).toBe(
        'deck-lightbox-close',
      )
      await page.keyboard.press('ArrowRight')
      expect(await deckState(page)).toEqual({ id, overview: false })
      await page.keyboard.press('Escape')
      await page.waitForSelector('dialog.deck-lightbox', { state: 'detached' })
      expect(await deckState(page)).toEqual({ id, overview: false })
      // Focus back on the graphic's button; the deck's keys work again.
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('deck-enlarge')
      await page.keyboard.press('Escape')
      expect((await deckState(page)).overview).toBe(true)
      expect(watch.consoleErrors).toEqual([])
      expect(watch.foreignRequests).toEqual([])
      await page.close()
    })

  it('opens from the keyboard: Tab to the button, Enter or Space; + zooms in, - out', async () => {
    const page = await open(1280, 720, '?view=present', 'figure')
    await page.focus('#figure .deck-enlarge')
    expect(await page.$eval('#figure .deck-enlarge', (b) => getComputedStyle(b).opacity)).toBe('1')
    await page.keyboard.press('Enter')
    await page.waitForSelector('dialog.deck-lightbox[open]')
    const first = await box(page, '.deck-lightbox-graphic')
    await page.keyboard.press('+')
    const zoomed = await box(page, '.deck-lightbox-graphic')
    expect(zoomed.w).toBeCloseTo(first.w * 1.5, -1)
    // Larger than the screen: it scrolls.
    expect(await page.$eval('.deck-lightbox-scroll', (s) => s.scrollWidth > s.clientWidth)).toBe(
      true,
    )
    await page.keyboard.press('-')
    expect((await box(page, '.deck-lightbox-graphic')).w).toBeCloseTo(first.w, -1)
    await page.keyboard.press('Escape')
    await page.waitForSelector('dialog.deck-lightbox', { state: 'detached' })
    await page.keyboard.press(' ')
    await page.waitForSelector('dialog.deck-lightbox[open]')
    // The caption and credit line come along.
    expect(await page.textContent('dialog .deck-lightbox-caption .deck-figure-credit')).toBe(
      'Test fixture, drawn for this test · example.org/fixture · CC0 1.0',
    )
    await page.click('dialog .deck-lightbox-close')
    await page.waitForSelector('dialog.deck-lightbox', { state: 'detached' })
    expect(await deckState(page)).toEqual({ id: 'figure', overview: false })
    await page.close()
  })

  it('does not open from a link in the caption', async () => {
    const page = await open(1280, 720, '?view=present', 'figure')
    await page.$eval('#figure figcaption a', (a) =>
      a.addEventListener('click', (e) => e.preventDefault()),
    )
    await page.click('#figure figcaption a')
    expect(await page.$('dialog.deck-lightbox')).toBeNull()
    await page.close()
  })
})

/** Each formula of a diagram: its font, its box and its label's box (CSS px), its colour. */
const formulas = (page: Page, root: string) =>
  page.$$eval(`${root} .katex-html`, (list) =>
    list.map((k) => {
      const label = k.closest('foreignObject')!.getBoundingClientRect()
      const r = k.getBoundingClientRect()
      return {
        font: getComputedStyle(k.querySelector('.mathnormal')!).fontFamily,
        inside:
          r.left >= label.left - 1 &&
          r.right <= label.right + 1 &&
          r.top >= label.top - 1 &&
          r.bottom <= label.bottom + 1,
        width: r.width,
      }
    }),
  )

describe('maths in a diagram', () => {
  for (const theme of ['light', 'dark'])
    it(`is set by KaTeX, in KaTeX's fonts, inside its label, on the slide and enlarged (${theme})`, async () => {
      const page = await open(1280, 720, `?view=present&theme=${theme}`, 'diagram-math')
      expect(await page.textContent('#diagram-math')).not.toContain('$$')
      const inSlide = await formulas(page, '#diagram-math')
      expect(inSlide).toHaveLength(3)
      for (const f of inSlide) expect(f).toMatchObject({ font: 'KaTeX_Math', inside: true })
      await page.click('#diagram-math .deck-enlargeable > svg')
      await page.waitForSelector('dialog.deck-lightbox[open]')
      const enlarged = await formulas(page, 'dialog.deck-lightbox')
      expect(enlarged).toHaveLength(3)
      enlarged.forEach((f, i) => {
        expect(f).toMatchObject({ font: 'KaTeX_Math', inside: true })
        expect(f.width).toBeGreaterThan(inSlide[i]!.width)
      })
      await page.close()
    })
})

describe('enlarge in the reading view', () => {
  it('says "Tap to enlarge" under graphics whose text would be under 12 px, and a tap opens them pinch-zoomable', async () => {
    const page = await open(390, 844, '?view=scroll', 'diagram')
    const labels = await page.$$eval('section .deck-enlargeable', (targets) =>
      targets.map((t) => {
        const label = t.querySelector('.deck-enlarge-label')!
        const r = label.getBoundingClientRect()
        return {
          id: t.closest('section')!.id,
          visible: getComputedStyle(label).display !== 'none' && r.width > 0 && r.height > 0,
          text: label.textContent,
        }
      }),
    )
    // At 350 px: the figure (960 px of pixels), the wide diagram (24 px labels in 1657) and the
    // chart (22 px in 1200) would all be under 12 px.
    expect(labels).toEqual([
      { id: 'figure', visible: true, text: 'Tap to enlarge' },
      { id: 'diagram', visible: true, text: 'Tap to enlarge' },
      { id: 'chart', visible: true, text: 'Tap to enlarge' },
      { id: 'diagram-math', visible: true, text: 'Tap to enlarge' },
    ])
    await page.tap('#diagram .deck-enlarge')
    await page.waitForSelector('dialog.deck-lightbox[open]')
    const scroller = await page.$eval('.deck-lightbox-scroll', (s) => ({
      touch: getComputedStyle(s).touchAction,
      scrolls: s.scrollWidth > s.clientWidth,
    }))
    // Chromium writes `pan-x pan-y pinch-zoom` as its shorthand, `manipulation`; no ancestor
    // takes pinch zoom away, and the page's viewport lets a phone zoom.
    expect(scroller).toEqual({ touch: 'manipulation', scrolls: true })
    expect(
      await page.$eval('.deck-lightbox-scroll', (s) => {
        const actions: string[] = []
        for (let e = s.parentElement; e; e = e.parentElement)
          actions.push(getComputedStyle(e).touchAction)
        return actions.every(
          (a) => a === 'auto' || a.includes('pinch-zoom') || a === 'manipulation',
        )
      }),
    ).toBe(true)
    expect(await page.getAttribute('meta[name=viewport]', 'content')).not.toMatch(
      /user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?\b/,
    )
    // The enlarged diagram's smallest label is readable: 14 px or more.
    const smallest = await page.$eval('.deck-lightbox-graphic', (svg) => {
      const s = svg as SVGSVGElement
      const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width
      return Math.min(
        ...Array.from(s.querySelectorAll('text, tspan'))
          .filter((t) => t.textContent?.trim())
          .map((t) => parseFloat(getComputedStyle(t).fontSize) * k),
      )
    })
    expect(smallest).toBeGreaterThanOrEqual(14)
    await page.keyboard.press('Escape')
    await page.waitForSelector('dialog.deck-lightbox', { state: 'detached' })
    await page.close()
  })

  it('says nothing where the text is large enough: the reading view at 1280 px', async () => {
    const page = await open(1280, 800, '?view=scroll', 'figure')
    const shown = await page.$$eval('section .deck-enlargeable', (targets) =>
      targets.map((t) => [
        t.closest('section')!.id,
        getComputedStyle(t.querySelector('.deck-enlarge-label')!).display !== 'none',
      ]),
    )
    // The diagram (24 px labels in 1657) spreads past the 700 px column until its labels reach
    // 80% of the body's size (the reading-graphics controller): none needs the label.
    expect(shown).toEqual([
      ['figure', false],
      ['diagram', false],
      ['chart', false],
      ['diagram-math', false],
    ])
    await page.close()
  })
})
