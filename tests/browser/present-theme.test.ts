// Our own theme on reveal.js's theme system (its --r-* variables, no stock
// theme): light and projector-friendly by default, a dark variant that keeps WCAG AA contrast on
// every slide, one type scale for text, code and math. (The screenshots docs/presenting.md shows are
// checked by tests/unit/docs/links.test.ts.)
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { axeProblems, openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides

const env = useBuiltDeck()
let page: Page

/** WCAG relative luminance of a computed `rgb(...)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = rgb
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((v) => {
      const c = Number(v) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}
const colours = (p: Page) =>
  p.evaluate(() => ({
    background: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.querySelector('.slides section p')!).color,
    heading: getComputedStyle(document.querySelector('.slides section h2')!).color,
  }))

beforeAll(async () => {
  page = await env.browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await openDeck(page, `${env.site.url}#/pass-at-k-definition`)
})

describe('the theme', () => {
  it('is ours, on reveal.js’s variables: no stock reveal.js theme is loaded', async () => {
    const vars = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement)
      return {
        font: style.getPropertyValue('--r-main-font'),
        size: style.getPropertyValue('--r-main-font-size').trim(),
        heading: style.getPropertyValue('--r-heading-color'),
        sheets: [...document.styleSheets].map((s) => s.href ?? '').filter(Boolean),
        bodyFont: getComputedStyle(document.querySelector('.slides section p')!).fontFamily,
      }
    })
    expect(vars.font).toContain('Inter')
    expect(vars.size).toBe('32px')
    expect(vars.heading).not.toBe('')
    expect(vars.bodyFont).toContain('Inter')
    const css = await Promise.all(vars.sheets.map(async (href) => (await fetch(href)).text()))
    // reveal.js's stock themes set their own fonts (Source Sans Pro, Lato, League Gothic…).
    expect(css.join('\n')).not.toMatch(/Source Sans Pro|League Gothic|Lato|Montserrat/)
  })

  it('is light and projector-friendly by default: dark text at 7:1 or more on white', async () => {
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
    const c = await colours(page)
    expect(luminance(c.background)).toBeGreaterThan(0.9)
    expect(contrast(c.text, c.background)).toBeGreaterThanOrEqual(7)
    expect(contrast(c.heading, c.background)).toBeGreaterThanOrEqual(7)
  })

  it('sets text, code and math on one scale: steps of 9/8 from 32px, math and code per em', async () => {
    const sizes = await page.evaluate(() => {
      const px = (selector: string): number => {
        const el = document.querySelector(selector)
        return el ? parseFloat(getComputedStyle(el).fontSize) : NaN
      }
      const p = document.querySelector('section[id="pass-at-k-definition"] p')!
      const code = document.querySelector('.slides section code')!
      return {
        body: px('section[id="pass-at-k-definition"] p'),
        h2: px('.slides section h2'),
        h1: px('.slides section h1'),
        cite: px('.slides .cite'),
        small: px('.slides .small'),
        table: px('.slides table'),
        math: parseFloat(getComputedStyle(p.querySelector('.katex')!).fontSize),
        text: parseFloat(getComputedStyle(p).fontSize),
        code: parseFloat(getComputedStyle(code).fontSize),
        codeParent: parseFloat(getComputedStyle(code.parentElement!).fontSize),
      }
    })
    expect(sizes.body).toBe(32)
    const step = (size: number): number => Math.log(size / 32) / Math.log(9 / 8)
    for (const [name, size] of Object.entries({
      h1: sizes.h1,
      h2: sizes.h2,
      cite: sizes.cite,
      small: sizes.small,
      table: sizes.table,
    })) {
      const s = step(size)
      expect(Math.abs(s - Math.round(s)), `${name} ${size}px is step ${s.toFixed(2)}`).toBeLessThan(
        0.05,
      )
    }
    expect(sizes.math / sizes.text).toBeCloseTo(1, 2)
    expect(sizes.code / sizes.codeParent).toBeCloseTo(0.875, 2)
  })

  it('has a dark variant (the theme control; remembered) with AA contrast on every slide', async () => {
    await page.click('.deck-tool[data-tool="theme"]')
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    const c = await colours(page)
    expect(luminance(c.background)).toBeLessThan(0.05)
    expect(contrast(c.text, c.background)).toBeGreaterThanOrEqual(7)
    await page.reload()
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    const problems: string[] = []
    for (let i = 0; i < slides.length; i++) {
      await page.evaluate((n) => (window as unknown as DeckWindow).deck.slide(n, 0, 99), i)
      const shown = ['.reveal .slides > section.present', '.deck-frame']
      for (const p of await axeProblems(page, shown, ['color-contrast']))
        problems.push(`${slides[i]!.id}: ${p.id} ${p.targets.join(', ')}`)
    }
    expect(problems).toEqual([])
    // ?theme=light wins over the remembered choice.
    await page.goto(`${env.site.url}?theme=light`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
  })

  it('remembers ?theme=dark and ?theme=light as docs/presenting.md says', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
    const p = await context.newPage()
    const themeAfter = async (query: string): Promise<string | null> => {
      await p.goto(`${env.site.url}${query}`)
      await p.waitForSelector('html[data-deck-ready="true"]')
      return p.getAttribute('html', 'data-theme')
    }
    expect(await themeAfter('')).toBe('light')
    expect(await themeAfter('?theme=dark')).toBe('dark')
    expect(await themeAfter('')).toBe('dark')
    expect(await themeAfter('?view=scroll')).toBe('dark')
    expect(await themeAfter('?theme=light')).toBe('light')
    expect(await themeAfter('')).toBe('light')
    await context.close()
  })

  it('sets the header, footer and reading bar in quiet dark tones in the dark theme (AA text)', async () => {
    const p = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openDeck(p, `${env.site.url}?theme=dark#/${slides[3]!.id}`)
    const bands = await p.evaluate(() =>
      ['.deck-nav', '.deck-footer-presenter', '.deck-footer-title', '.deck-footer-right'].map(
        (sel) => {
          const el = document.querySelector(sel)!
          const text = el.querySelector('.deck-nav-name, span') ?? el
          return {
            sel,
            background: getComputedStyle(el).backgroundColor,
            text: getComputedStyle(text).color,
          }
        },
      ),
    )
    for (const band of bands) {
      // Quiet: a dark band, not a bright one (the light theme's bands on a dark page glare).
      expect(luminance(band.background), band.sel).toBeLessThan(0.05)
      expect(contrast(band.text, band.background), band.sel).toBeGreaterThanOrEqual(4.5)
    }
    expect(await axeProblems(p, ['.deck-frame'], ['color-contrast'])).toEqual([])
    await openDeck(p, `${env.site.url}?view=scroll&theme=dark`)
    const bar = await p.$eval('.deck-readbar', (el) => ({
      background: getComputedStyle(el).backgroundColor,
      text: getComputedStyle(el.querySelector('.deck-readbar-control')!).color,
    }))
    expect(luminance(bar.background)).toBeLessThan(0.05)
    expect(contrast(bar.text, bar.background)).toBeGreaterThanOrEqual(4.5)
    await p.close()
  })
})
