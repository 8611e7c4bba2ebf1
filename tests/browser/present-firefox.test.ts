// A second engine: a smoke pass in Firefox (Debian's firefox-esr, the firefox of GitHub's runners,
// or $FIREFOX_PATH), driven by puppeteer-core over WebDriver BiDi (no browser download): the deck
// starts, every slide shows within the 1280x720 slide, the explorer's keys and knobs work, the
// reading view reflows, the speaker view opens, and a drawing enlarges. No Firefox: in CI (CI set) the pass fails with
// how to install one; elsewhere it is skipped, with a line saying so.
import { existsSync } from 'node:fs'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { deckDist, serveSite, type Site } from '../helpers/browser.ts'
import { decodePng } from '../helpers/png.ts'
import { newestDeck } from '../helpers/sessions.ts'

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox']
const INSTALL =
  'install it with `sudo apt-get install -y firefox-esr` (Debian), or set FIREFOX_PATH to a Firefox binary'
/** $FIREFOX_PATH (which must exist), else the first Firefox of CANDIDATES, else undefined. */
const FIREFOX = process.env.FIREFOX_PATH || CANDIDATES.find((p) => existsSync(p))
const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const skip = !FIREFOX && !process.env.CI
if (skip)
  console.warn(
    `SKIPPED: the Firefox pass (tests/browser/present-firefox.test.ts): no Firefox at ${CANDIDATES.join(' or ')}; ${INSTALL}`,
  )

let browser: Browser
let site: Site
const errors: string[] = []

beforeAll(async () => {
  if (skip) return
  if (!FIREFOX || !existsSync(FIREFOX))
    throw new Error(`No Firefox at ${FIREFOX ?? CANDIDATES.join(' or ')}: ${INSTALL}`)
  site = await serveSite(deckDist())
  browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX!,
    headless: true,
  })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

async function open(query: string, width = 1280, height = 720): Promise<Page> {
  const page = await browser.newPage()
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  await page.setViewport({ width, height })
  await page.goto(`${site.url}${query}`)
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 })
  return page
}

const current = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      (window as unknown as { deck: { getCurrentSlide(): HTMLElement } }).deck.getCurrentSlide().id,
  )

describe.skipIf(skip)('Firefox', () => {
  it('starts the deck and walks every slide, each within the 1280x720 slide', async () => {
    const page = await open('#/' + slides[0]!.id)
    const seen: string[] = []
    const outside: string[] = []
    for (let i = 0; i < slides.length; i++) {
      await page.evaluate(
        (n) =>
          (
            window as unknown as { deck: { slide(h: number, v: number, f: number): void } }
          ).deck.slide(n, 0, 99),
        i,
      )
      const id = await current(page)
      seen.push(id)
      // What a person sees: every visible box of the slide inside the slide, above the footer.
      // (Not scrollHeight: Firefox counts some 26-66px more of it than the boxes take.)
      const box = await page.evaluate(
        `(() => {
          const s = document.getElementById(${JSON.stringify(id)})
          const r = s.getBoundingClientRect()
          const scale = r.width / s.offsetWidth
          let bottom = 0, right = 0
          for (const el of s.querySelectorAll('*')) {
            if (el.closest('aside.notes, .deck-chart-data, .katex-mathml')) continue
            const b = el.getBoundingClientRect()
            if (b.width === 0 || b.height === 0) continue
            bottom = Math.max(bottom, (b.bottom - r.top) / scale)
            right = Math.max(right, (b.right - r.left) / scale)
          }
          const footer = parseFloat(getComputedStyle(s).getPropertyValue('--deck-footer-height'))
          return { bottom, right, limit: s.offsetHeight - footer }
        })()`,
      )
      const { bottom, right, limit } = box as { bottom: number; right: number; limit: number }
      if (bottom > limit + 1 || right > 1281)
        outside.push(
          `${id}: content to ${Math.round(bottom)}px (of ${limit}), ${Math.round(right)}px wide`,
        )
    }
    expect(seen).toEqual(slides.map((s) => s.id))
    expect(outside).toEqual([])
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => current(page)).toBe(slides[1]!.id)
    await page.close()
  })

  it('moves the explorer’s sliders with the keys, not the slides, and colours their knobs', async () => {
    const page = await open('#/passk-explorer')
    await page.waitForSelector('.passk-explorer[data-mounted] input[type="range"]')
    const input = 'input[name="base-pass1"]'
    const before = await page.$eval(input, (i) => (i as HTMLInputElement).value)
    await page.focus(input)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await page.$eval(input, (i) => (i as HTMLInputElement).value)).toBe(
      String(Number(before) + 2),
    )
    expect(await current(page)).toBe('passk-explorer')
    // The knobs: in the model's colour (teal for the base model, magenta for RL), not grey.
    for (const [name, rgb] of [
      ['base-pass1', [0x0f, 0x76, 0x6e]],
      ['rl-pass1', [0xbe, 0x18, 0x5d]],
    ] as const) {
      const el = (await page.$(`input[name="${name}"]`))!
      const shot = decodePng(await el.screenshot({ encoding: 'binary' }))
      let coloured = 0
      for (let p = 0; p < shot.data.length; p += 4) {
        const near = [0, 1, 2].every((c) => Math.abs(shot.data[p + c]! - rgb[c]!) < 40)
        if (near) coloured++
      }
      expect(coloured, name).toBeGreaterThan(150)
    }
    await page.keyboard.press('Escape')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => current(page)).not.toBe('passk-explorer')
    await page.close()
  })

  it('reflows the reading view on a phone: text at 16px or more, the bar labelled', async () => {
    const page = await open('?view=scroll', 390, 844)
    const small = await page.evaluate(() => {
      const out: string[] = []
      for (const s of Array.from(document.querySelectorAll<HTMLElement>('.slides section'))) {
        const scale = s.getBoundingClientRect().width / s.offsetWidth
        for (const el of Array.from(s.querySelectorAll<HTMLElement>('p, li, h1, h2, h3, td, th'))) {
          if (!el.textContent?.trim() || el.closest('aside.notes, .deck-chart-data')) continue
          const size = parseFloat(getComputedStyle(el).fontSize) * scale
          if (size < 16) out.push(`${s.id}: ${size.toFixed(1)}px`)
        }
      }
      return out
    })
    expect(small).toEqual([])
    expect(
      await page.$$eval('.deck-readbar-control span', (spans) => spans.map((s) => s.textContent)),
    ).toEqual(['Present', 'Notes', 'PDF', 'Theme'])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.close()
  })

  it('opens the speaker view with the slide’s notes', async () => {
    const page = await open('?view=speaker#/pass-at-k-definition')
    await page.waitForSelector('html[data-speaker-slide="pass-at-k-definition"]')
    const notes = await page.$eval('.speaker-notes-body', (n) => n.textContent ?? '')
    expect(notes.length).toBeGreaterThan(40)
    expect(await page.$eval('.speaker-timer button', (b) => b.textContent)).toBe('Start')
    await page.close()
  })

  it('enlarges a drawing on a click, its maths in KaTeX; Esc closes it and stays on the slide', async () => {
    const page = await open('?view=present#/language-model')
    const state = () =>
      page.evaluate(() => {
        const deck = (
          window as unknown as { deck: { getCurrentSlide(): Element; isOverview(): boolean } }
        ).deck
        return [deck.getCurrentSlide().id, deck.isOverview()]
      })
    await page.click('#language-model .deck-enlargeable > svg')
    await page.waitForSelector('dialog.deck-lightbox[open]')
    const sizes = await page.evaluate(() => {
      const inline = document.querySelector('#language-model .deck-enlargeable > svg')!
      const big = document.querySelector('dialog .deck-lightbox-graphic')!
      const math = big.querySelector('.deck-svg-math .katex .mathnormal')
      return {
        inline: inline.getBoundingClientRect().width,
        big: big.getBoundingClientRect().width,
        font: math ? getComputedStyle(math).fontFamily : '',
      }
    })
    expect(sizes.big).toBeGreaterThan(sizes.inline)
    expect(sizes.font).toBe('KaTeX_Math')
    await page.keyboard.press('Escape')
    await page.waitForSelector('dialog.deck-lightbox', { hidden: true })
    expect(await state()).toEqual(['language-model', false])
    await page.close()
  })

  it('reported no page error', () => {
    expect(errors).toEqual([])
  })
})
