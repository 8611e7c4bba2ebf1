// One rhythm on the slide: content starts right under the title on every slide (theme.css), and a
// slide with little on it is set larger instead of floating in its room: its content a step or two
// up the deck's type scale (9/8 a step, half steps between, as CSS zoom, so text, math, code and graphics grow
// together), the largest that still ends above the footer's clearance with room to spare. Measured
// once per slide and size, on the slides reveal.js has laid out (the current one and its
// neighbours, before they are shown), and on every page of the print view (print.ts).
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'

/** The steps a short slide's content may be set up by: two steps of the deck's 9/8 scale, one
 * and a half, one. */
export const FILL_STEPS = [(9 / 8) ** 2, (9 / 8) ** 1.5, 9 / 8] as const

/** The share of its room a slide's content may fill once set larger. */
export const FILL_SHARE = 0.85

/** The slides that are filled: all but the title slide and slides that opt out. */
const FILLED = 'section:not(.title-slide):not(.no-fill)'

/** The content of a slide under its title: the shown blocks, not the notes. */
function blocksOf(section: HTMLElement): Element[] {
  const shown = Array.from(section.children).filter(
    (c) => !c.matches('aside, .notes') && c.getClientRects().length > 0,
  )
  return shown[0]?.matches('h1, h2, h3') ? shown.slice(1) : shown
}

/** The content's top and bottom and the room's bottom, in the slide's own px. */
function extent(
  section: HTMLElement,
  blocks: Element[],
): { top: number; bottom: number; limit: number } {
  const box = section.getBoundingClientRect()
  const scale = box.width / section.offsetWidth || 1
  let top = Infinity
  let bottom = -Infinity
  for (const b of blocks) {
    for (const e of [b, ...Array.from(b.querySelectorAll('*'))]) {
      if (e.closest('.deck-chart-data')) continue
      const r = e.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      top = Math.min(top, (r.top - box.top) / scale)
      bottom = Math.max(bottom, (r.bottom - box.top) / scale)
    }
  }
  const limit = section.offsetHeight - parseFloat(getComputedStyle(section).paddingBottom)
  return { top, bottom, limit }
}

/**
 * Sets a laid-out slide's content as large as {@link FILL_STEPS} allow while it fills at most
 * {@link FILL_SHARE} of its room; returns the factor (1: as written). A slide not laid out is
 * left as it is.
 */
export function fillSlide(section: HTMLElement): number {
  if (!section.matches(FILLED) || !section.offsetHeight) return 1
  section.style.removeProperty('--deck-fill')
  const blocks = blocksOf(section)
  if (!blocks.length) return 1
  const first = extent(section, blocks)
  const room = first.limit - first.top
  if (!(room > 0) || first.bottom - first.top > FILL_SHARE * room) return 1
  for (const step of FILL_STEPS) {
    section.style.setProperty('--deck-fill', String(step))
    const { top, bottom } = extent(section, blocks)
    // Nothing sideways either: a block set larger must still fit the slide's width.
    const wide = blocks.some((b) => b.scrollWidth > b.clientWidth + 1)
    if (!wide && bottom - top <= FILL_SHARE * room) return step
  }
  section.style.removeProperty('--deck-fill')
  return 1
}

/** Fills the slides in the page that are laid out and not filled yet at this size. */
export function fillSlides(
  root: ParentNode,
  done: WeakMap<HTMLElement, string>,
  size: string,
): void {
  for (const section of Array.from(root.querySelectorAll<HTMLElement>(`.slides ${FILLED}`))) {
    if (done.get(section) === size || !section.offsetHeight) continue
    fillSlide(section)
    done.set(section, size)
  }
}

/** Keeps the laid-out slides filled: at start, on each step, after a resize or a live update. */
export class FillController implements Controller {
  private readonly bindings = new Bindings()
  private done = new WeakMap<HTMLElement, string>()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck } = this.ctx
    this.render()
    // Text measured in a fallback font is measured again in the deck's.
    void document.fonts.ready.then(() => this.render())
    this.bindings.on(deck, 'slidechanged', () => this.fill())
    this.bindings.on(deck, 'resize', () => this.render())
  }

  unbind(): void {
    this.bindings.clear()
  }

  /** Measures every laid-out slide again (fonts, size or slides changed). */
  render(): void {
    this.done = new WeakMap()
    this.fill()
  }

  private fill(): void {
    const { deck } = this.ctx
    if (deck.isScrollView()) return
    const root = deck.getRevealElement()
    if (root) fillSlides(root, this.done, `${deck.getConfig().width}x${deck.getConfig().height}`)
  }
}
