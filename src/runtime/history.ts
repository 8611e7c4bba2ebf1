// The URL names the slide shown: `#/<id>` (and `/<fragment>` while a fragment is shown). In the
// presentation each slide shown is one back-button stop; the reading view and fragments replace
// the entry instead.
//
// reveal.js's own `history: true` sets `location.hash`, which fires `hashchange`, which reveal.js
// answers with a second `slide()` and a second full layout on every step. Writing the
// entry with `history.pushState` fires no `hashchange`; back and forward still do, and reveal.js
// (`respondToHashChanges`) follows them.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { forcedPresent, isNarrow } from './mode.ts'
import type { Deck } from './types.ts'

/** The hash naming the current slide (and fragment, when one is shown), like reveal.js's. */
export function slideHash(deck: Deck): string {
  const slide = deck.getCurrentSlide()
  if (!slide?.id) return ''
  const { f } = deck.getIndices()
  return `#/${encodeURIComponent(slide.id)}${typeof f === 'number' && f >= 0 ? `/${f}` : ''}`
}

/**
 * Keeps the URL on the current slide. In the presentation (`steps`) a slide change adds a history
 * entry; otherwise every change replaces the entry. In the reading view the URL follows the
 * scrolling after it settles (150 ms), so scrolling costs nothing per frame.
 */
export class HistoryController implements Controller {
  private readonly bindings = new Bindings()
  private readonly steps: boolean

  constructor(private readonly ctx: RuntimeContext) {
    this.steps = ctx.mode === 'present' && (forcedPresent() || !isNarrow())
  }

  bind(): void {
    const { deck } = this.ctx
    const { bindings } = this
    let timer: ReturnType<typeof setTimeout> | undefined
    // Back or forward: reveal.js follows the URL (its hashchange handler runs before ours); that
    // slide change must not add an entry, which would cut off the entries after it.
    let traversing = false
    bindings.listen(window, 'popstate', () => (traversing = true))
    bindings.listen(window, 'hashchange', () => (traversing = false))
    /** Names `hash` in the URL: a new entry if `adds`, else the current one replaced. */
    const writeHash = (hash: string, adds: boolean): void => {
      if (!hash || location.hash === hash) return
      if (adds) history.pushState(history.state, '', hash)
      else history.replaceState(history.state, '', hash)
    }
    const write = (push: boolean): void => writeHash(slideHash(deck), push && !traversing)
    // A step's entry is written once the slide has painted (`pushState` costs about a
    // millisecond a step, most of it in the browser's bookkeeping): in order, one per slide shown.
    const queue: (() => void)[] = []
    /** The URL when the queue started: changed meanwhile by something else (a link, the address
     * bar, back), that one wins and the queue is dropped. */
    let from = ''
    const flush = (): void => {
      const writes = queue.splice(0)
      if (location.hash === from) for (const write of writes) write()
    }
    const later = (run: () => void): void => {
      // A hidden page paints no frame to wait for (and its timers may run a second late).
      if (document.visibilityState === 'hidden') {
        flush()
        return run()
      }
      queue.push(run)
      if (queue.length > 1) return
      from = location.hash
      bindings.frame(() => bindings.timeout(flush, 0))
      // A page that renders no frames (a window behind others, say) still gets its URL.
      bindings.timeout(flush, 100)
    }
    const step = (push: boolean): void => {
      // The slide, and whether this change is a back or forward, are known now, not after the paint.
      const hash = slideHash(deck)
      const adds = push && !traversing
      later(() => writeHash(hash, adds))
    }
    bindings.on(deck, 'slidechanged', () => {
      if (!deck.isScrollView()) return step(this.steps)
      clearTimeout(timer)
      timer = setTimeout(() => write(false), 150)
    })
    bindings.add(() => clearTimeout(timer))
    bindings.on(deck, ['fragmentshown', 'fragmenthidden'], () => {
      if (!deck.isScrollView()) later(() => write(false))
    })
    bindings.add(() => void (queue.length = 0))
  }

  unbind(): void {
    this.bindings.clear()
  }

  /** The URL names the current slide (which a live update may have renamed). */
  render(): void {
    const hash = slideHash(this.ctx.deck)
    if (hash && location.hash !== hash) history.replaceState(history.state, '', hash)
  }
}
