// The reading view is a responsive article, measured as a person sees it. Text
// sizes are rendered sizes (computed font size times the on-screen scale of its slide), on a
// 390x844 phone and a 1280x720 laptop; graphics labels through the SVG's screen transform.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { axeProblems, openDeck, useBuiltDeck } from '../helpers/browser.ts'

const slides = compileDeck(newestDeck(), { root: ROOT }).deck.slides
const env = useBuiltDeck()

interface Sizes {
  id: string
  /** Smallest rendered text size (px) outside math and graphics, and the text it belongs to. */
  text: number
  sample: string
  /** Smallest rendered size of a formula (its base size; KaTeX sets scripts relative to it). */
  math: number
  /** Smallest rendered label in an inline SVG graphic. */
  label: number
  labelSample: string
}

/** Rendered sizes per slide, in the page (serialised into it by Playwright). */
function measureSlides(): Sizes[] {
  // Not seen: invisible, too small to hold text, or inside a visually hidden (clipped) box, as
  // screen-reader-only text is.
  const hidden = (el: Element): boolean => {
    const r = el.getBoundingClientRect()
    if (getComputedStyle(el).visibility === 'hidden' || r.width < 2 || r.height < 2) return true
    for (let a: Element | null = el; a && a.tagName !== 'SECTION'; a = a.parentElement)
      if (getComputedStyle(a).clipPath.includes('inset(50%')) return true
    return false
  }
  return Array.from(document.querySelectorAll<HTMLElement>('.slides section')).map((section) => {
    const scale = section.getBoundingClientRect().width / section.offsetWidth
    const result: Sizes = {
      id: section.id,
      text: Infinity,
      sample: '',
      math: Infinity,
      label: Infinity,
      labelSample: '',
    }
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim()
      const el = node.parentElement
      if (!text || !el) continue
      if (el.closest('aside.notes, .katex, title, desc, script, style') || hidden(el)) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (el instanceof SVGElement) {
        const ctm = (el as unknown as SVGGraphicsElement).getScreenCTM()
        const rendered = size * (ctm ? Math.hypot(ctm.a, ctm.b) : 1)
        if (rendered < result.label) [result.label, result.labelSample] = [rendered, text]
      } else if (size * scale < result.text) [result.text, result.sample] = [size * scale, text]
    }
    for (const math of Array.from(section.querySelectorAll('.katex'))) {
      if (hidden(math)) continue
      result.math = Math.min(result.math, parseFloat(getComputedStyle(math).fontSize) * scale)
    }
    return result
  })
}

async function open(width: number, height: number, query = '?view=scroll'): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' })
  await openDeck(page, `${env.site.url}${query}`)
  return page
}

const below = (sizes: Sizes[], key: 'text' | 'math' | 'label', floor: number): string[] =>
  sizes
    .filter((s) => s[key] < floor)
    .map((s) => `${s.id}: ${s[key].toFixed(1)}px ${key === 'label' ? s.labelSample : s.sample}`)

describe('the reading view on a phone (390x844)', () => {
  it('sets every slide’s text at 16px or more, math at full size, graphics labels at 11px or more', async () => {
    const page = await open(390, 844)
    const sizes = await page.evaluate(measureSlides)
    expect(sizes.map((s) => s.id)).toEqual(slides.map((s) => s.id))
    expect(below(sizes, 'text', 16)).toEqual([])
    expect(below(sizes, 'math', 16)).toEqual([])
    expect(below(sizes, 'label', 11)).toEqual([])
    // Some slides have graphics and math: the checks above measured something.
    expect(sizes.filter((s) => Number.isFinite(s.label)).length).toBeGreaterThan(0)
    expect(sizes.filter((s) => Number.isFinite(s.math)).length).toBeGreaterThan(0)
    await page.close()
  })

  it('reflows: one column at scale 1, nothing wider than the phone; wide formulas scroll inside themselves', async () => {
    const page = await open(390, 844)
    const layout = await page.evaluate(() => {
      const vp = document.querySelector<HTMLElement>('.reveal-viewport')!
      const sections = Array.from(document.querySelectorAll<HTMLElement>('.slides section'))
      return {
        pageWidth: vp.scrollWidth,
        scales: sections.map((s) => s.getBoundingClientRect().width / s.offsetWidth),
        wider: sections
          .filter((s) => s.getBoundingClientRect().right > innerWidth + 0.5)
          .map((s) => s.id),
        displays: Array.from(document.querySelectorAll<HTMLElement>('.slides .katex-display')).map(
          (d) => ({
            overflow: getComputedStyle(d).overflowX,
            fits: d.getBoundingClientRect().right <= innerWidth + 0.5,
          }),
        ),
      }
    })
    expect(layout.pageWidth).toBeLessThanOrEqual(390)
    expect(layout.wider).toEqual([])
    expect(new Set(layout.scales.map((s) => s.toFixed(2)))).toEqual(new Set(['1.00']))
    expect(layout.displays.length).toBeGreaterThan(0)
    expect(layout.displays.filter((d) => d.overflow !== 'auto' || !d.fits)).toEqual([])
    await page.close()
  })

  it('shows every fragment, with no gaps, and each slide’s section as a kicker', async () => {
    const page = await open(390, 844, '?view=scroll#/problems-with-rlhf')
    const seen = await page.evaluate(() => {
      const fragments = Array.from(document.querySelectorAll<HTMLElement>('.slides .fragment'))
      const gaps: number[] = []
      for (const section of Array.from(document.querySelectorAll<HTMLElement>('.slides section'))) {
        const blocks = Array.from(section.children).filter(
          (c) => c instanceof HTMLElement && c.offsetHeight > 0 && !c.matches('aside.notes'),
        )
        for (let i = 1; i < blocks.length; i++)
          gaps.push(
            blocks[i]!.getBoundingClientRect().top - blocks[i - 1]!.getBoundingClientRect().bottom,
          )
      }
      const kickers = Array.from(document.querySelectorAll<HTMLElement>('.slides section')).map(
        (s) => [s.dataset.section ?? '', getComputedStyle(s, '::before').content],
      )
      return {
        hidden: fragments.filter((f) => getComputedStyle(f).opacity !== '1').length,
        count: fragments.length,
        biggestGap: Math.max(...gaps),
        kickers,
      }
    })
    expect(seen.count).toBeGreaterThan(0)
    expect(seen.hidden).toBe(0)
    expect(seen.biggestGap).toBeLessThan(60)
    for (const [section, content] of seen.kickers)
      expect(content).toBe(section ? JSON.stringify(section) : 'none')
    await page.close()
  })

  it('has a labelled bar that takes its own room: nothing fixed or sticky covers the last line', async () => {
    const page = await open(390, 844)
    const labels = await page.$$eval('.deck-readbar-control', (controls) =>
      controls.map((c) => {
        const span = c.querySelector('span')!
        const r = span.getBoundingClientRect()
        return r.width > 4 && r.height > 4 ? span.textContent : `hidden ${span.textContent}`
      }),
    )
    expect(labels).toEqual(['Present', 'Notes', 'PDF', 'Theme'])
    for (const handout of [false, true]) {
      if (handout) await page.getByRole('button', { name: 'Notes' }).click()
      await expect
        .poll(() => page.locator('.deck-handout-notes:visible').count())
        .toBe(handout ? slides.length : 0)
      const covered = await page.evaluate(async () => {
        const vp = document.querySelector<HTMLElement>('.reveal-viewport')!
        vp.scrollTop = vp.scrollHeight
        // Two frames, then an idle period: the scroll handled and the page painted.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
        await new Promise((r) => requestIdleCallback(r, { timeout: 10_000 }))
        // The last line of text on the page.
        const walker = document.createTreeWalker(
          document.querySelector('.slides')!,
          NodeFilter.SHOW_TEXT,
        )
        let last: DOMRect | undefined
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent!.trim() || n.parentElement?.closest('aside.notes, .katex-mathml'))
            continue
          const range = document.createRange()
          range.selectNodeContents(n)
          const rects = Array.from(range.getClientRects()).filter((r) => r.height > 0)
          const r = rects.at(-1)
          if (r && (!last || r.bottom >= last.bottom)) last = r
        }
        if (!last) return ['no text']
        const lastLine = last
        return Array.from(document.querySelectorAll<HTMLElement>('body *'))
          .filter((el) => {
            const style = getComputedStyle(el)
            return (
              ['fixed', 'sticky'].includes(style.position) &&
              style.visibility !== 'hidden' &&
              style.opacity !== '0' &&
              style.display !== 'none'
            )
          })
          .filter((el) => {
            const r = el.getBoundingClientRect()
            return (
              r.width > 0 &&
              r.height > 0 &&
              r.top < lastLine.bottom &&
              r.bottom > lastLine.top &&
              r.left < lastLine.right &&
              r.right > lastLine.left
            )
          })
          .map((el) => el.className)
      })
      expect(covered).toEqual([])
    }
    await page.close()
  })

  it('opens a deep link with the slide’s heading below the bar, and the URL follows the reader', async () => {
    const id = slides.at(-4)!.id
    const page = await open(390, 844, `?view=scroll#/${id}`)
    const place = await page.$eval(`section[id="${id}"]`, (s) => ({
      top: s.getBoundingClientRect().top,
      bar: document.querySelector('.deck-readbar')!.getBoundingClientRect().bottom,
    }))
    expect(place.top).toBeGreaterThanOrEqual(place.bar - 1)
    expect(place.top).toBeLessThan(844 / 2)
    const other = slides[8]!.id
    // The slide being read is the one across the middle of the window.
    await page.$eval(`section[id="${other}"]`, (s) => s.scrollIntoView({ block: 'center' }))
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${other}`)
    await page.close()
  })

  it('has no serious or critical axe violation, in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const page = await open(390, 844, `?view=scroll&theme=${theme}`)
      expect(await axeProblems(page)).toEqual([])
      await page.close()
    }
  })
})

describe('the reading view on a laptop (1280x720)', () => {
  it('sets every slide’s text at 18px or more in one readable column', async () => {
    const page = await open(1280, 720)
    const sizes = await page.evaluate(measureSlides)
    expect(below(sizes, 'text', 18)).toEqual([])
    expect(below(sizes, 'math', 18)).toEqual([])
    const widths = await page.$$eval('.slides section', (all) =>
      all.map((s) => s.getBoundingClientRect().width),
    )
    expect(Math.max(...widths)).toBeLessThanOrEqual(800)
    await page.close()
  })

  it('prints a clean article from the reading view: no bar, every slide in the flow', async () => {
    const page = await open(1280, 720)
    await page.emulateMedia({ media: 'print' })
    const printed = await page.evaluate(() => ({
      bar: getComputedStyle(document.querySelector('.deck-readbar')!).display,
      overflow: getComputedStyle(document.querySelector('.reveal-viewport')!).overflowY,
      height: document.querySelector<HTMLElement>('.reveal-viewport')!.scrollHeight,
      sections: document.querySelector<HTMLElement>('.slides')!.offsetHeight,
    }))
    expect(printed.bar).toBe('none')
    expect(printed.overflow).toBe('visible')
    expect(printed.sections).toBeGreaterThan(720 * 5)
    await page.close()
  })
})
