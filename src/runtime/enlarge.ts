// Tap or click to enlarge: a figure, a Mermaid diagram, a Vega-Lite chart or a drawing (an SVG
// alone in its paragraph) opens full screen in a modal <dialog>, where it can be zoomed (the +
// and − buttons, the + and - keys, or a phone's own pinch zoom) and scrolled. Each graphic gets
// an "Enlarge" button (Enter or Space opens it); in the reading view a graphic whose smallest
// text would be under 12 px at the column's width says "Tap to enlarge" where everyone sees it.
// While the dialog is open no key reaches reveal.js (Esc closes the dialog, never the overview),
// and the focus returns to the button when it closes. Layout: src/theme/enlarge.css.
import '../theme/enlarge.css'
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { icon } from './icons.ts'
import { smallestFont } from './reading.ts'

/**
 * What can be enlarged: a figure of a slide whose graphic (an image or an SVG) is its own child (a
 * figure, a diagram, a chart), but not a figure card or a QR code; and a drawing alone in its
 * paragraph.
 */
export const ENLARGEABLE =
  'section figure:not(.deck-figure-card, .deck-follow-qr), section p.deck-drawing'

/** Under this rendered text size (CSS px) at the column's width, the reading view says so. */
export const SMALL_TEXT_PX = 12

/** Each zoom step is this much larger than the one before. */
const ZOOM_STEP = 1.5
/** The enlarged view first shows an SVG's smallest text at least this large (CSS px). */
const READABLE_PX = 14

const BUTTON = 'deck-enlarge'
const SMALL = 'deck-enlarge-small'

/** The graphic of a container: its image or its top-level SVG. */
function graphicOf(target: Element): HTMLImageElement | SVGSVGElement | null {
  return target.querySelector<HTMLImageElement | SVGSVGElement>(':scope > img, :scope > svg')
}

/** The graphic's own size (CSS px at scale 1): the image's pixels or the SVG's viewBox. */
function naturalSize(graphic: HTMLImageElement | SVGSVGElement): { w: number; h: number } {
  if (graphic instanceof HTMLImageElement)
    return { w: graphic.naturalWidth || graphic.width, h: graphic.naturalHeight || graphic.height }
  const box = graphic.viewBox.baseVal
  if (box && box.width > 0) return { w: box.width, h: box.height }
  const r = graphic.getBoundingClientRect()
  return { w: r.width, h: r.height }
}

/**
 * Whether a graphic's text would be under `SMALL_TEXT_PX` at `width` CSS px: an SVG by its
 * smallest label, an image (whose text cannot be read) when shown at under 60% of its pixels.
 */
export function textTooSmall(graphic: HTMLImageElement | SVGSVGElement, width: number): boolean {
  if (!(width > 0)) return false
  const { w } = naturalSize(graphic)
  if (!(w > 0)) return false
  if (graphic instanceof HTMLImageElement) return width < w * 0.6
  const font = smallestFont(graphic)
  return Number.isFinite(font) && (font * width) / w < SMALL_TEXT_PX
}

/** A copy of an SVG whose ids (and what refers to them) do not clash with the original's. */
function cloneSvg(svg: SVGSVGElement): SVGSVGElement {
  const ids = Array.from(svg.querySelectorAll('[id]'), (el) => el.id)
  if (svg.id) ids.push(svg.id)
  let markup = svg.outerHTML
  for (const id of ids) {
    const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    markup = markup
      .replace(new RegExp(`(id="|href="#|url\\(#)${quoted}(?=["')])`, 'g'), `$1${id}-enlarged`)
      .replace(new RegExp(`#${quoted}(?![\\w-])`, 'g'), `#${id}-enlarged`)
  }
  const holder = document.createElement('div')
  holder.innerHTML = markup
  const copy = holder.firstElementChild as SVGSVGElement
  copy.removeAttribute('style')
  return copy
}

/** How a graphic is named in the button and the dialog. */
function nameOf(target: Element): string {
  const caption = target.querySelector(':scope > figcaption .deck-figure-text, :scope > figcaption')
  const graphic = graphicOf(target)
  const text =
    caption?.textContent ??
    graphic?.getAttribute('aria-label') ??
    graphic?.getAttribute('alt') ??
    target.querySelector('title')?.textContent ??
    ''
  return text.replace(/\s+/g, ' ').trim().slice(0, 120) || 'the graphic'
}

export class EnlargeController implements Controller {
  private readonly bindings = new Bindings()
  private dialog: HTMLDialogElement | undefined
  /** The enlarged graphic's scale (CSS px per unit), and its smallest and largest. */
  private scale = 1
  private scales = { fit: 1, first: 1, max: 1 }
  private opener: HTMLElement | null = null
  private readonly buttons = new Set<HTMLButtonElement>()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck } = this.ctx
    this.render()
    this.bindings.on(deck, 'resize', () => this.measure())
    this.bindings.listen(window, 'resize', () => this.measure())
    // A click on a graphic's button, or on the graphic itself (not on a link in its caption),
    // opens it: one listener for every graphic, so a live update adds none.
    this.bindings.listen<MouseEvent>(deck.getRevealElement()!, 'click', (event) => {
      const el = event.target instanceof Element ? event.target : null
      const target = el?.closest(ENLARGEABLE)
      if (!target || !graphicOf(target)) return
      const button = el!.closest<HTMLButtonElement>(`.${BUTTON}`)
      if (!button && el!.closest('a, button, figcaption, .deck-chart-data')) return
      event.preventDefault()
      event.stopPropagation()
      this.open(target, button ?? target.querySelector<HTMLButtonElement>(`:scope > .${BUTTON}`))
    })
    // While open, keys are the dialog's: none reaches reveal.js (its Esc is the overview).
    this.bindings.listen<KeyboardEvent>(
      window,
      'keydown',
      (event) => {
        if (!this.dialog?.open) {
          // Enter or Space on a graphic's button opens it; reveal.js would take Space as "next".
          const button = event.target instanceof HTMLElement ? event.target : null
          if (!button?.classList.contains(BUTTON) || (event.key !== 'Enter' && event.key !== ' '))
            return
          event.preventDefault()
          event.stopPropagation()
          const target = button.parentElement?.closest(ENLARGEABLE)
          if (target) this.open(target, button)
          return
        }
        event.stopPropagation()
        if (event.key === 'Escape') {
          event.preventDefault()
          this.close()
        } else if (event.key === '+' || event.key === '=') {
          event.preventDefault()
          this.zoomBy(ZOOM_STEP)
        } else if (event.key === '-') {
          event.preventDefault()
          this.zoomBy(1 / ZOOM_STEP)
        } else if (event.key === '0') {
          event.preventDefault()
          this.setScale(this.scales.fit)
        }
      },
      { capture: true },
    )
    this.bindings.add(() => {
      this.close()
      for (const button of this.buttons) {
        button.parentElement?.classList.remove('deck-enlargeable', SMALL)
        button.remove()
      }
      this.buttons.clear()
    })
  }

  /** Gives every graphic in the page its button (after a live update too). */
  render(): void {
    const root = this.ctx.deck.getRevealElement()
    if (!root) return
    // A drawing alone in its paragraph is enlargeable like a figure.
    for (const svg of Array.from(root.querySelectorAll('section p > svg.deck-svg:only-child')))
      svg.parentElement!.classList.add('deck-drawing')
    for (const target of Array.from(root.querySelectorAll<HTMLElement>(ENLARGEABLE))) {
      if (target.querySelector(`:scope > .${BUTTON}`) || !graphicOf(target)) continue
      const button = document.createElement('button')
      button.type = 'button'
      button.className = BUTTON
      button.setAttribute('aria-label', `Enlarge: ${nameOf(target)}`)
      button.setAttribute('aria-haspopup', 'dialog')
      button.innerHTML = `${icon('fullscreen')}<span class="deck-enlarge-label">Tap to enlarge</span>`
      target.classList.add('deck-enlargeable')
      graphicOf(target)!.after(button)
      this.buttons.add(button)
    }
    this.measure()
  }

  unbind(): void {
    this.bindings.clear()
  }

  get isOpen(): boolean {
    return this.dialog?.open === true
  }

  /** Marks the graphics whose text would be too small at the reading column's width. */
  private measure(): void {
    const reading = this.ctx.deck.isScrollView()
    for (const button of this.buttons) {
      const target = button.parentElement
      const graphic = target && graphicOf(target)
      if (!target || !graphic) continue
      // The column's width, not the graphic's: reading.ts may widen a graphic to scroll sideways.
      const column = target.getBoundingClientRect().width
      target.classList.toggle(SMALL, reading && textTooSmall(graphic, column))
    }
  }

  /** Opens the dialog with a copy of the target's graphic and caption. */
  open(target: Element, opener: HTMLElement | null): void {
    const graphic = graphicOf(target)
    if (!graphic) return
    this.close()
    const { deck } = this.ctx
    const dialog = document.createElement('dialog')
    dialog.className = 'deck-lightbox'
    dialog.setAttribute('aria-label', `Enlarged: ${nameOf(target)}`)
    const bar = document.createElement('div')
    bar.className = 'deck-lightbox-bar'
    const button = (cls: string, text: string, label: string, run: () => void) => {
      const b = document.createElement('button')
      b.type = 'button'
      b.className = cls
      b.textContent = text
      b.setAttribute('aria-label', label)
      b.addEventListener('click', run)
      return b
    }
    const hint = document.createElement('span')
    hint.className = 'deck-lightbox-hint'
    hint.textContent = 'Pinch or + − to zoom · Esc closes'
    bar.append(
      hint,
      button('deck-lightbox-zoom-out', '−', 'Zoom out (-)', () => this.zoomBy(1 / ZOOM_STEP)),
      button('deck-lightbox-zoom-in', '+', 'Zoom in (+)', () => this.zoomBy(ZOOM_STEP)),
      button('deck-lightbox-close', 'Close', 'Close the enlarged view (Esc)', () => this.close()),
    )
    const scroller = document.createElement('div')
    scroller.className = 'deck-lightbox-scroll'
    const copy =
      graphic instanceof HTMLImageElement
        ? (graphic.cloneNode(false) as HTMLImageElement)
        : cloneSvg(graphic)
    copy.classList.add('deck-lightbox-graphic')
    const size = naturalSize(graphic)
    copy.dataset.w = String(size.w)
    copy.dataset.h = String(size.h)
    scroller.append(copy)
    dialog.append(bar, scroller)
    const caption = target.querySelector(':scope > figcaption')
    if (caption) {
      const text = caption.cloneNode(true) as HTMLElement
      text.className = 'deck-lightbox-caption'
      dialog.append(text)
    }
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      this.close()
    })
    dialog.addEventListener('click', (event) => {
      // A click on the backdrop (the dialog itself, outside its content) closes it.
      if (event.target === dialog || event.target === scroller) this.close()
    })
    ;(deck.getViewportElement() ?? document.body).append(dialog)
    this.dialog = dialog
    this.opener = opener
    dialog.showModal()
    // First: the whole graphic on the screen, or larger where its text would be too small to
    // read (a wide diagram on a phone then scrolls sideways).
    const fit = Math.min(
      scroller.clientWidth / Math.max(1, size.w),
      scroller.clientHeight / Math.max(1, size.h),
    )
    const font = graphic instanceof SVGSVGElement ? smallestFont(graphic) : Infinity
    const readable = Number.isFinite(font) ? READABLE_PX / font : fit
    const first = Math.max(fit, Math.min(readable, fit * 4))
    this.scales = { fit, first, max: Math.max(fit * 4, first * 2.5) }
    this.setScale(first)
    dialog.querySelector<HTMLElement>('.deck-lightbox-close')?.focus()
  }

  /** Closes the dialog; the focus goes back to the button that opened it. */
  close(): void {
    const dialog = this.dialog
    if (!dialog) return
    this.dialog = undefined
    if (dialog.open) dialog.close()
    dialog.remove()
    this.opener?.focus({ preventScroll: true })
    this.opener = null
  }

  /** Zooms the enlarged graphic by `factor`, within its smallest and largest scale. */
  private zoomBy(factor: number): void {
    this.setScale(this.scale * factor)
  }

  /** Sizes the enlarged graphic at `scale` CSS px per unit (it scrolls when larger). */
  private setScale(scale: number): void {
    const dialog = this.dialog
    if (!dialog) return
    const { fit, max } = this.scales
    this.scale = Math.max(fit, Math.min(max, scale))
    const copy = dialog.querySelector<HTMLElement | SVGSVGElement>('.deck-lightbox-graphic')!
    const w = Number(copy.dataset.w) || 1
    const h = Number(copy.dataset.h) || 1
    copy.style.width = `${Math.ceil(w * this.scale)}px`
    copy.style.height = `${Math.ceil(h * this.scale)}px`
    dialog.dataset.scale = this.scale.toFixed(3)
    dialog.querySelector<HTMLButtonElement>('.deck-lightbox-zoom-out')!.disabled =
      this.scale <= fit * 1.001
    dialog.querySelector<HTMLButtonElement>('.deck-lightbox-zoom-in')!.disabled =
      this.scale >= max * 0.999
  }
}
