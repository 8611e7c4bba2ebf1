// Diagrams and charts belong to the deck. On the 1280x720 slide no text of any diagram,
// chart or the explorer is under 20 px (font size times its on-screen scale, in slide pixels), and
// in the dark theme each sits on a dark background (no light card), in both cases measured in
// Chromium on the built session, slide by slide.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openDeck, useBuiltDeck, type DeckWindow } from '../helpers/browser.ts'
import { settled } from '../helpers/settled.ts'

const env = useBuiltDeck()
const GRAPHICS =
  '.deck-svg, .deck-chart svg, .deck-figure-card svg, .passk-explorer svg, .deck-mermaid svg'

interface Measured {
  id: string
  graphics: number
  smallest: { size: number; text: string } | undefined
  lightestBehind: number
}

/** Visits every slide and measures its graphics' text and what is behind them. */
async function measure(page: Page): Promise<Measured[]> {
  const total = await page.evaluate(() => (window as unknown as DeckWindow).deck.getTotalSlides())
  const out: Measured[] = []
  for (let i = 0; i < total; i++) {
    await page.evaluate((n) => (window as unknown as DeckWindow).deck.slide(n), i)
    await settled(page)
    out.push(
      await page.evaluate((selector) => {
        const deck = (
          window as unknown as { deck: { getCurrentSlide(): HTMLElement; getScale(): number } }
        ).deck
        const slide = deck.getCurrentSlide()
        const scale = deck.getScale()
        const luminance = (rgb: string): number => {
          const [r, g, b] = (rgb.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
            const c = Number(v) / 255
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
          })
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
        }
        /** The first non-transparent background at or above `el`, up to the page. */
        const behind = (el: Element | null): number => {
          for (let e = el; e; e = e.parentElement) {
            const bg = getComputedStyle(e).backgroundColor
            if (bg && !/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) return luminance(bg)
          }
          return luminance(getComputedStyle(document.body).backgroundColor)
        }
        const svgs = [...slide.querySelectorAll<SVGSVGElement>(selector)].filter(
          (s) => !s.closest('aside.notes') && s.getBoundingClientRect().width > 0,
        )
        let smallest: { size: number; text: string } | undefined
        let lightest = 0
        for (const svg of svgs) {
          lightest = Math.max(lightest, behind(svg))
          for (const t of svg.querySelectorAll<SVGTextContentElement>('text, tspan')) {
            const own = [...t.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())
            if (!own || t.getBoundingClientRect().width === 0) continue
            const ctm = t.getScreenCTM()
            if (!ctm) continue
            const px = (parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b)) / scale
            if (!smallest || px < smallest.size)
              smallest = {
                size: Math.round(px * 10) / 10,
                text: (t.textContent ?? '').trim().slice(0, 30),
              }
          }
        }
        return { id: slide.id, graphics: svgs.length, smallest, lightestBehind: lightest }
      }, GRAPHICS),
    )
  }
  return out
}

describe('graphics on the 1280x720 slide', () => {
  for (const theme of ['light', 'dark'] as const)
    it(`in the ${theme} theme: text at 20 px or more${theme === 'dark' ? ', on a dark background' : ''}`, async () => {
      const page = await env.browser.newPage({
        viewport: { width: 1280, height: 720 },
        reducedMotion: 'reduce',
      })
      await openDeck(page, `${env.site.url}?theme=${theme}`)
      const slides = await measure(page)
      const withGraphics = slides.filter((s) => s.graphics > 0)
      // The session's diagrams, charts, figure cards and explorer: a dozen slides at least.
      expect(withGraphics.length).toBeGreaterThanOrEqual(10)
      const small = withGraphics.filter((s) => s.smallest && s.smallest.size < 20)
      expect(small.map((s) => `#/${s.id}: “${s.smallest!.text}” ${s.smallest!.size} px`)).toEqual(
        [],
      )
      if (theme === 'dark') {
        const light = withGraphics.filter((s) => s.lightestBehind > 0.2)
        expect(
          light.map((s) => `#/${s.id}: background luminance ${s.lightestBehind.toFixed(2)}`),
        ).toEqual([])
      }
      await page.close()
    })
})
