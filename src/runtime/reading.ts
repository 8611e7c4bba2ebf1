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

/**
 * The share of the body text's size a graphic's smallest text keeps where the window has room:
 * a graphic wider than the column then spreads beyond it (centred on it), up to the window less
 * {@link BLEED_MARGIN} on each side.
 */
export const BODY_SHARE = 0.8

/** The room a graphic spread beyond the column leaves at the window's edges, in CSS px. */
const BLEED_MARGIN = 32

/** The class of a graphic's container spread beyond the column (its width in `--deck-bleed`). */
const BLEED = 'deck-read-bleed'

/**
 * The width (CSS px) a graphic's container takes beyond its column of `column` px so that its
 * smallest text keeps {@link BODY_SHARE} of `bodyPx`, in a window `windowPx` wide; 0 when the
 * column is wide enough or there is no room beyond it.
 */
export function bleedWidth(
  viewBoxWidth: number,
  minFont: number,
  bodyPx: number,
  column: number,
  windowPx: number,
): number {
  const want = readableWidth(viewBoxWidth, minFont, BODY_SHARE * bodyPx)
  const room = windowPx - 2 * BLEED_MARGIN
  if (want <= column + 1 || room <= column + 1) return 0
  return Math.min(want, room)
}

/** A section's content width: its width less its padding. */
function contentWidth(section: HTMLElement): number {
  const style = getComputedStyle(section)
  return section.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
}

/** Sets each graphic's width for the column it is in; true when one changed. */
export function fitGraphics(root: ParentNode): boolean {
  let changed = false
  const windowPx = document.documentElement.clientWidth
  for (const svg of Array.from(root.querySelectorAll<SVGSVGElement>('section svg[viewBox]'))) {
    if (svg.closest('.katex, .deck-icon') || svg.parentElement?.closest('svg')) continue
    const holder = svg.parentElement
    if (!holder) continue
    if (!svg.getClientRects().length) {
      // Not shown (a chart's other layout): it sets nothing.
      if (svg.style.minWidth) changed = true
      svg.style.minWidth = ''
      const shown = Array.from(holder.children).some(
        (c) => c instanceof SVGSVGElement && c.getClientRects().length > 0,
      )
      if (!shown) holder.classList.remove(WIDE, BLEED)
      continue
    }
    const minFont = smallestFont(svg)
    const section = holder.closest('section')
    const vbWidth = svg.viewBox.baseVal.width
    const bleed =
      section && holder.parentElement === section
        ? bleedWidth(
            vbWidth,
            minFont,
            parseFloat(getComputedStyle(section).fontSize),
            contentWidth(section),
            windowPx,
          )
        : 0
    if (holder.classList.contains(BLEED) !== bleed > 0) changed = true
    holder.classList.toggle(BLEED, bleed > 0)
    if (bleed) holder.style.setProperty('--deck-bleed', `${bleed}px`)
    else holder.style.removeProperty('--deck-bleed')
    const needed = readableWidth(vbWidth, minFont)
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
 * scrollable-region-focusable): focusable while it does, and only then; and it shows that it
 * scrolls (src/theme/reading.css fades the side that has more).
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
    showMore(box)
  }
}

/** Marks the sides of a box where more of it lies, scrolled out of view. */
export function showMore(box: HTMLElement): void {
  const rest = box.scrollWidth - box.clientWidth
  const left = Math.abs(box.scrollLeft)
  box.classList.toggle('deck-more-before', rest > 1 && left > 1)
  box.classList.toggle('deck-more-after', rest > 1 && left < rest - 1)
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
    // A box scrolled sideways shows which of its sides still has more.
    this.bindings.listen(
      document,
      'scroll',
      (e) => {
        const box = e.target
        if (box instanceof HTMLElement && box.dataset.readScroll !== undefined) showMore(box)
      },
      { capture: true, passive: true },
    )
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
