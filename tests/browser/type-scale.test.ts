// Inline maths at the text's size: every inline formula of the session is set at the font size of
// the text around it, on the 1280x720 slide and in the reading view on a 390x844 phone.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openDeck, useBuiltDeck } from '../helpers/browser.ts'

const env = useBuiltDeck()

interface Sizes {
  /** Inline formulas measured. */
  count: number
  /** Each formula's font size over its parent's, smallest and largest. */
  min: number
  max: number
  /** The same for display maths. */
  display: number[]
  text: number[]
}

/** Font size of each inline `.katex` over its parent's (the text it sits in), in the whole deck. */
function measure(page: Page): Promise<Sizes> {
  return page.evaluate(() => {
    const size = (el: Element): number => parseFloat(getComputedStyle(el).fontSize)
    const all = Array.from(document.querySelectorAll('.reveal .slides .katex'))
    const inline = all.filter((k) => !k.closest('.katex-display') && k.parentElement)
    const ratios = inline.map((k) => size(k) / size(k.parentElement!))
    const display = all
      .filter((k) => k.closest('.katex-display'))
      .map((k) => size(k) / size(k.closest('.katex-display')!.parentElement!))
    return {
      count: inline.length,
      min: Math.min(...ratios),
      max: Math.max(...ratios),
      display: [Math.min(...display), Math.max(...display)],
      text: [...new Set(inline.map((k) => size(k.parentElement!)))].sort((a, b) => a - b),
    }
  })
}

describe('inline maths', () => {
  for (const [view, width, height, query] of [
    ['the slides', 1280, 720, ''],
    ['the reading view', 390, 844, '?view=scroll'],
  ] as const) {
    it(`is the size of the text around it in ${view} (${width}x${height})`, async () => {
      const page = await env.browser.newPage({ viewport: { width, height } })
      await openDeck(page, `${env.site.url}${query}`)
      const sizes = await measure(page)
      console.log(`${view} ${width}x${height}: inline math / text font size`, sizes)
      expect(sizes.count).toBeGreaterThan(10)
      expect(sizes.min).toBeCloseTo(1, 2)
      expect(sizes.max).toBeCloseTo(1, 2)
      // Display maths may stay larger, never smaller than the text.
      expect(sizes.display[0]).toBeGreaterThanOrEqual(1)
      await page.close()
    })
  }
})
