// Slide 1 (its math and the frame) is painted by HTML and CSS alone, at the size
// and place reveal.js gives it, so the first paint waits for no script and reveal.js taking over
// moves nothing. Checked with JavaScript off, then against the same page with it on.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { openDeck, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const env = useBuiltDeck()

interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Where slide 1, the header and the footer are, what the footer counts, what shows on top. */
async function layout(page: Page): Promise<{
  slide: Box
  nav: Box
  footer: Box
  count: string
  dots: number
  current: string | null
  hit: string
  math: number
}> {
  return page.evaluate(`(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height } }
    const slide = document.querySelector('.reveal .slides > section')
    const r = slide.getBoundingClientRect()
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return {
      slide: box(slide),
      nav: box(document.querySelector('.deck-nav')),
      footer: box(document.querySelector('.deck-footer')),
      count: document.querySelector('.deck-footer-count').textContent,
      dots: document.querySelectorAll('.deck-nav-dot').length,
      current: document.querySelector('.deck-nav-dot[aria-current="step"]')?.getAttribute('href') ?? null,
      hit: hit && slide.contains(hit) ? 'slide' : String(hit?.className ?? hit?.tagName),
      math: slide.querySelectorAll('.katex').length,
    }
  })()`)
}

/** reveal.js's layout of a 1280x720 slide in a `w`x`h` window with a 4% margin. */
function revealBox(w: number, h: number): Box {
  const scale = Math.round(Math.min((w * 0.96) / 1280, (h * 0.96) / 720) * 100) / 100
  return {
    x: (w - 1280 * scale) / 2,
    y: (h - 720 * scale) / 2,
    width: 1280 * scale,
    height: 720 * scale,
  }
}

function expectBox(actual: Box, expected: Box): void {
  for (const key of ['x', 'y', 'width', 'height'] as const)
    expect(actual[key], key).toBeCloseTo(expected[key], 0)
}

describe('the first paint', () => {
  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
    [1000, 900],
  ] as const)
    it(`shows slide 1 and the frame with JavaScript off, where reveal.js puts them (${w}x${h})`, async () => {
      const context = await env.browser.newContext({
        viewport: { width: w, height: h },
        javaScriptEnabled: false,
      })
      const page = await context.newPage()
      await page.goto(env.site.url)
      const still = await layout(page)
      expectBox(still.slide, revealBox(w, h))
      expect(still.hit).toBe('slide')
      // The frame: header on top of the canvas, footer at its bottom, counting from 1.
      expect(still.nav.y).toBeCloseTo(still.slide.y, 0)
      expect(still.footer.y + still.footer.height).toBeCloseTo(
        still.slide.y + still.slide.height,
        0,
      )
      expect(still.count.replace(/\s+/g, ' ').trim()).toBe(`Slide 1 / ${slides.length}`)
      expect(still.dots).toBe(slides.filter((s) => s.section).length)
      const firstDotted = slides.find((s) => s.section)
      expect(still.current).toBe(firstDotted === slides[0] ? `#/${slides[0]!.id}` : null)
      await context.close()

      // The same page with its script: reveal.js takes over and nothing moves.
      const live = await env.browser.newContext({ viewport: { width: w, height: h } })
      const page2 = await live.newPage()
      await openDeck(page2, env.site.url)
      const running = await layout(page2)
      expectBox(running.slide, still.slide)
      expectBox(running.nav, still.nav)
      expectBox(running.footer, still.footer)
      expect(running.count).toBe(still.count)
      expect(running.dots).toBe(still.dots)
      await live.close()
    })

  it('shows the math of slide 1 typeset, with no script', async () => {
    // The session's slide 1 is its title; the math slide is shown by the same rules once first.
    const math = slides.find((s) => s.html.includes('class="katex"'))!
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 720 },
      javaScriptEnabled: false,
    })
    const page = await context.newPage()
    await page.goto(env.site.url)
    // Make the math slide the first one, as in a deck that opens on a formula.
    const shown = await page.evaluate(`(() => {
      const slide = document.getElementById(${JSON.stringify(math.id)})
      slide.parentElement.prepend(slide)
      const all = [...slide.querySelectorAll('.katex-html')]
      const widest = all.map((k) => k.getBoundingClientRect()).sort((a, b) => b.width - a.width)[0]
      const glyph = slide.querySelector('.katex-html .mathnormal, .katex-html .mord')
      return { width: widest.width, height: widest.height, font: getComputedStyle(glyph).fontFamily }
    })()`)
    expect((shown as { width: number }).width).toBeGreaterThan(20)
    expect((shown as { height: number }).height).toBeGreaterThan(10)
    expect((shown as { font: string }).font).toMatch(/KaTeX/)
    await context.close()
  })

  it('asks for reveal.js and the runtime from the script, after slide 1 is on its way', async () => {
    const html = await (await fetch(env.site.url)).text()
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    await openDeck(page, env.site.url)
    const scripts = (await page.evaluate(`performance.getEntriesByType('resource')
      .filter((e) => /\\.js$/.test(new URL(e.name).pathname))
      .map((e) => ({ file: new URL(e.name).pathname.split('/').pop(), start: e.startTime, end: e.responseEnd, size: e.decodedBodySize }))`)) as {
      file: string
      start: number
      end: number
      size: number
    }[]
    const entry = scripts.find((s) => html.includes(`src="./assets/${s.file}"`))!
    const deck = scripts.find((s) => s.file.startsWith('deck-'))!
    // The page names only a small entry (the mode, the theme, the metadata) …
    expect(entry.size).toBeLessThan(10_000)
    expect(html).not.toContain(deck.file)
    // … which asks for reveal.js once it has let slide 1 paint (src/runtime/main.ts).
    expect(deck.size).toBeGreaterThan(100_000)
    expect(deck.start).toBeGreaterThan(entry.end)
    await context.close()
  })
})
