// Fixes to reveal.js 6.0.2's scroll view (our reading view), as a plugin: plugins receive
// reveal.js's internals, where the scroll view lives. Each fix checks the internals exist first.
//  - Which slide is current was computed from slide counts, not from where the pages are: with
//    pages of unequal height (fragments, the handout's notes, the compact layout's short pages)
//    it named a neighbouring slide, and the URL then pointed at the wrong one. The ranges now
//    come from the pages' positions.
//  - Going to slide k scrolled to `k/N` of the way, up to a page off: now to the page itself.
//  - Going to a slide leaves room for the reading view's bar at the top (`--deck-readbar-height`).
//  - A flat deck's slides were looked up with an undefined vertical index, so switching to the
//    scroll view on a narrow screen lost the slide.
import type { RevealPlugin } from 'reveal.js'

interface Trigger {
  range: [number, number]
}

interface ScrollPage {
  pageElement?: HTMLElement
  scrollTriggers: Trigger[]
}

interface ScrollViewLike {
  isActive(): boolean
  scrollToSlide(slide: HTMLElement): void
  getSlideByIndices(h: number, v: number | undefined): HTMLElement | null
  setTriggerRanges(): void
  slideTriggers: (Trigger & { page: ScrollPage })[]
  scrollTriggerHeight: number
}

/** The top of `element` in the scroll container's content. */
function topIn(element: HTMLElement, viewport: HTMLElement): number {
  return (
    element.getBoundingClientRect().top - viewport.getBoundingClientRect().top + viewport.scrollTop
  )
}

const clamp = (n: number): number => Math.min(Math.max(n, 0), 1)

/**
 * The reading line: the height in the document the reader is looking at, for a scroll position.
 * The window's middle, except near the ends, where it slides to the top (scrolled to the start)
 * or the bottom (at the end) so that the first and last slides can be current.
 * @returns the scroll position that puts the reading line at `line` (the inverse function)
 */
export function scrollForLine(line: number, seen: number, span: number): number {
  if (span < 2 * seen) return (line * span) / (span + seen) // short documents: one straight line
  if (line <= 1.5 * seen) return line / 1.5
  if (line <= span - seen / 2) return line - seen / 2
  return (line - seen + span / 2) / 1.5
}

/** The plugin; register it in the reveal.js config. */
export function scrollViewFixes(): RevealPlugin {
  return {
    id: 'deck-scroll-view-fixes',
    init(reveal) {
      const scroll = (reveal as unknown as { scroll?: Partial<ScrollViewLike> }).scroll
      if (
        !scroll ||
        typeof scroll.scrollToSlide !== 'function' ||
        typeof scroll.getSlideByIndices !== 'function' ||
        typeof scroll.setTriggerRanges !== 'function' ||
        typeof scroll.isActive !== 'function'
      )
        return
      const view = scroll as ScrollViewLike
      const viewport = (): HTMLElement | null => reveal.getViewportElement()

      const bySlide = view.getSlideByIndices.bind(view)
      view.getSlideByIndices = (h, v) => bySlide(h, v ?? 0)

      const scrollTo = view.scrollToSlide.bind(view)
      view.scrollToSlide = (slide) => {
        const page = slide.closest<HTMLElement>('.scroll-page')
        const vp = viewport()
        if (!view.isActive() || !page || !vp) return scrollTo(slide)
        const top = topIn(page, vp)
        const seen = vp.offsetHeight
        const span = Math.max(vp.scrollHeight - seen, 1)
        // The window less the reading view's sticky bar at its top. (Not scroll-padding-top: with
        // it, focusing or clicking the bar scrolls the page, the bar being outside that area.)
        const bar = parseFloat(getComputedStyle(vp).getPropertyValue('--deck-readbar-height')) || 0
        // The reading line through the middle of a page that fits (centred under the bar), else
        // a half window below its top (its top just under the bar).
        const line = top + Math.min(page.offsetHeight, seen - bar) / 2 - bar / 2
        vp.scrollTop = Math.min(Math.max(scrollForLine(line, seen, span), 0), span)
      }

      const ranges = view.setTriggerRanges.bind(view)
      view.setTriggerRanges = () => {
        ranges()
        const vp = viewport()
        if (!vp) return
        const height = vp.scrollHeight
        const seen = vp.offsetHeight
        const span = Math.max(height - seen, 1)
        const at = (line: number): number => clamp(scrollForLine(line, seen, span) / span)
        const step = view.scrollTriggerHeight
        for (const trigger of view.slideTriggers) {
          const element = trigger.page.pageElement
          if (!element) continue // auto-animate steps: keep reveal.js's ranges
          const top = topIn(element, vp)
          // reveal.js compares scrollTop / span with these: current while the reading line is
          // on the page.
          trigger.range = [at(top), at(top + element.offsetHeight - 1)]
          // Fragment steps: reveal.js compares the window's middle, as a fraction of the height.
          trigger.page.scrollTriggers.forEach((t, j) => {
            t.range = [
              clamp((top + j * step + seen / 2) / height),
              clamp((top + (j + 1) * step + seen / 2 - 1) / height),
            ]
          })
        }
      }
    },
  }
}
