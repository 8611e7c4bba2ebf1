// The reading view's graphics: an inline SVG chart or diagram takes the column's width, unless
// that would shrink its smallest label below a readable size; then it keeps the width that label
// needs and scrolls sideways inside its container (as a wide formula does). Layout:
// src/theme/reading.css.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import type { Deck } from './types.ts'

/** The smallest rendered label size (CSS px) the reading view allows in a graphic. */
export const MIN_LABEL_PX = 11.5

/** The class of a graphic's container that scrolls sideways. */
const WIDE = 'deck-read-wide'

/**
 * The width (CSS px) at which a graphic `viewBoxWidth` units wide shows its smallest label,
 * `minFont` units tall, at `floor` px; 0 when it has no text.
 */
export function readableWidth(viewBoxWidth: number, minFont: number, floor = MIN_LABEL_PX): number {
  if (!(viewBoxWidth > 0) || !(minFont > 0) || !Number.isFinite(minFont)) return 0
  return Math.ceil((viewBoxWidth * floor) / minFont)
}

/**
 * The text of a graphic: SVG text, and the HTML labels of a diagram with maths (not the smaller
 * parts of a formula, its sub- and superscripts).
 */
const GRAPHIC_TEXT = 'text, tspan, foreignObject :is(p, span:not(.katex *))'

/** The smallest font size (user units) of the visible text in `svg`. */
export function smallestFont(svg: SVGSVGElement): number {
  let min = Infinity
  for (const text of Array.from(svg.querySelectorAll(GRAPHIC_TEXT))) {
    if (!text.textContent?.trim() || text.closest('title, desc')) continue
    const size = parseFloat(getComputedStyle(text).fontSize)
    if (size > 0) min = Math.min(min, size)
  }
  return min
}

/** Sets each graphic's width for the column it is in; true when one changed. */
export function fitGraphics(root: ParentNode): boolean {
  let changed = false
  for (const svg of Array.from(root.querySelectorAll<SVGSVGElement>('section svg[viewBox]'))) {
    if (svg.closest('.katex, .deck-icon') || svg.parentElement?.closest('svg')) continue
    const holder = svg.parentElement
    if (!holder) continue
    const needed = readableWidth(svg.viewBox.baseVal.width, smallestFont(svg))
    const width = needed ? `${needed}px` : ''
    if (svg.style.minWidth !== width) changed = true
    svg.style.minWidth = width
    holder.classList.toggle(WIDE, needed > holder.clientWidth)
  }
  reachScrollers(root)
  return changed
}

/** What may scroll sideways inside the column: wide math, tables, code, wide graphics. */
const SCROLLERS = `section .katex-display, section table, section pre, section .${WIDE}`

/**
 * A box that scrolls must be reachable from the keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable): focusable while it does, and only then.
 */
function reachScrollers(root: ParentNode): void {
  for (const box of Array.from(root.querySelectorAll<HTMLElement>(SCROLLERS))) {
    const scrolls = box.scrollWidth > box.clientWidth + 1
    if (scrolls && !box.hasAttribute('tabindex')) {
      box.tabIndex = 0
      box.dataset.readScroll = ''
    } else if (!scrolls && box.dataset.readScroll !== undefined) {
      box.removeAttribute('tabindex')
      delete box.dataset.readScroll
    }
  }
}

/**
 * Once the fonts and images are in and the graphics fitted, lays the reading view out again:
 * reveal.js measured the pages before, and the page the URL names would then be off.
 */
export async function settleReading(deck: Deck): Promise<void> {
  const root = deck.getRevealElement()!
  const images = Array.from(root.querySelectorAll('img')).map((img) =>
    img.decode().catch(() => undefined),
  )
  await Promise.all([document.fonts.ready, ...images])
  fitGraphics(root)
  deck.layout()
}

/** Keeps the graphics fitted while the reading view is on (resizes, live or lazy redraws). */
export class ReadingGraphicsController implements Controller {
  private readonly bindings = new Bindings()
  private queued = false

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck } = this.ctx
    this.render()
    this.bindings.on(deck, 'resize', () => this.render())
    this.bindings.listen(window, 'resize', () => this.render())
    const slides = deck.getSlidesElement()
    // Only while reading: in the presentation a slide's content comes and goes on every step
    // (fast-steps.ts), and each frame asked for here was one more frame per step.
    if (slides) {
      const observer = new MutationObserver(() => {
        if (deck.isScrollView()) this.render()
      })
      observer.observe(slides, { childList: true, subtree: true })
      this.bindings.add(() => observer.disconnect())
    }
    this.bindings.add(() => void (this.queued = false))
  }

  unbind(): void {
    this.bindings.clear()
  }

  /** Fits the graphics in the next frame (once, however often it is asked). */
  render(): void {
    if (this.queued) return
    const { deck } = this.ctx
    this.queued = true
    this.bindings.frame(() => {
      this.queued = false
      if (deck.isScrollView() && fitGraphics(deck.getRevealElement()!)) deck.layout()
    })
  }
}
