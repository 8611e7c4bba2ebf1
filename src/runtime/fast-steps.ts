// Less work per step for reveal.js. Three things reveal.js does on every step cost time that the
// slide shown does not need:
//
// 1. It "unloads" each slide beyond its view distance again — hides it and queries its subtree for
//    lazy media to reset — even when the step before unloaded it and nothing has loaded into it
//    since: 300 subtree queries a key press on a 300-slide deck. The repeats are skipped.
// 2. Its queries over the deck (`.slides > section`, stretch elements, fragments…) walk every
//    element of every slide, hidden or not: 75,000 elements on the bench's 300-slide deck, most of
//    them KaTeX's. Once the presenter has started stepping, the content of a slide beyond the view
//    distance (display:none, inert, out of the accessibility tree already) is kept aside in a
//    DocumentFragment, put back before reveal.js loads the slide again, and every query walks a
//    few slides. Nothing is kept aside before the first step (so whatever reads the slides at
//    start-up sees them all), in the overview, the reading view or print, or while something needs
//    every slide's text: `restoreAll()` (the search box, a live update) puts everything back.
// 3. It shows the slide the step brought within the view distance (the next one, stepping forward)
//    and then reads the layout (`layout()`), so the key press waits for that slide's style and
//    layout although it is off screen: on a slide of maths that is most of a step. While
//    presenting, a neighbour the step shows is shown once the step has painted (when the page is
//    idle), and at once if a step makes it the current slide first.
import type { RevealPlugin } from 'reveal.js'
import type { Deck } from './types.ts'

interface SlideContentLike {
  load(slide: HTMLElement, options?: unknown): void
  unload(slide: HTMLElement): void
}

/** What the plugin offers the rest of the runtime. */
export interface FastSteps {
  /** Puts every slide's content back (and keeps it there until the matching `resume()`). */
  restoreAll(): void
  /** Lets far slides' content be kept aside again once every `restoreAll()` has its `resume()`. */
  resume(): void
}

const noop: FastSteps = { restoreAll() {}, resume() {} }

/** The plugin (register it in the reveal.js config) and its controls. */
export function fastSteps(): { plugin: RevealPlugin; control: FastSteps } {
  const control: FastSteps = { ...noop }
  const plugin: RevealPlugin = {
    id: 'deck-fast-steps',
    init(reveal) {
      const deck = reveal as unknown as Deck
      const content = (reveal as unknown as { slideContent?: Partial<SlideContentLike> })
        .slideContent
      if (typeof content?.load !== 'function' || typeof content.unload !== 'function') return
      const load = content.load.bind(content)
      const unload = content.unload.bind(content)
      const unloaded = new WeakSet<HTMLElement>()
      /** Slides whose content is kept aside, with it. */
      const aside = new Map<HTMLElement, DocumentFragment>()
      /** Unloaded slides waiting for their content to be kept aside. */
      const pending = new Set<HTMLElement>()
      /** Neighbours the step showed, shown once it has painted. */
      const deferred = new Set<HTMLElement>()
      let stepping = false
      /** How many `restoreAll()`s still wait for their `resume()`. */
      let paused = 0
      let scheduled = false

      /**
       * reveal.js shows every fragment of the slides before the current one and hides those of
       * the slides after it, on every step; it could not while the content was aside, so this
       * does it when the content comes back. The current slide keeps what it had as the
       * neighbour it was: shown if the deck came back to it from a later slide.
       */
      const syncFragments = (slide: HTMLElement): void => {
        if (deck.getConfig().fragments === false) return
        let shown = slide.classList.contains('past')
        if (slide.classList.contains('present')) {
          const before = deck.getPreviousSlide()
          shown = !!before && deck.getIndices(before).h > deck.getIndices(slide).h
        }
        for (const f of slide.querySelectorAll('.fragment')) {
          f.classList.toggle('visible', shown)
          f.classList.remove('current-fragment')
        }
      }
      const putBack = (slide: HTMLElement): void => {
        const fragment = aside.get(slide)
        if (!fragment) return
        aside.delete(slide)
        // A live update may have filled the slide since: then its old content is stale.
        if (slide.firstChild) return
        slide.append(fragment)
        syncFragments(slide)
      }
      const restoreAll = (): void => {
        for (const slide of [...deferred]) {
          deferred.delete(slide)
          show(slide, undefined)
        }
        pending.clear()
        for (const slide of [...aside.keys()]) putBack(slide)
      }
      const allowed = (): boolean =>
        stepping &&
        paused === 0 &&
        !deck.isScrollView() &&
        !deck.isOverview() &&
        !deck.isPrintView()

      /** Keeps aside what is pending, a few slides at a time while the page is idle. */
      const keepAside = (deadline?: IdleDeadline): void => {
        scheduled = false
        if (!allowed()) return
        for (const slide of pending) {
          // Out of idle time: the rest waits for the next idle period, not for the next key.
          if (deadline && !deadline.didTimeout && deadline.timeRemaining() < 2) {
            schedule()
            return
          }
          pending.delete(slide)
          // Still unloaded and hidden as reveal.js left it, and still in the deck.
          if (!unloaded.has(slide) || slide.style.display !== 'none' || !slide.isConnected) continue
          if (!slide.firstChild || aside.has(slide)) continue
          const fragment = document.createDocumentFragment()
          fragment.append(...slide.childNodes)
          aside.set(slide, fragment)
        }
      }
      const schedule = (): void => {
        if (scheduled) return
        scheduled = true
        // Off the step's critical path: after it has painted.
        if (window.requestIdleCallback) window.requestIdleCallback(keepAside, { timeout: 2000 })
        else setTimeout(keepAside, 50)
      }

      /** Shows the deferred neighbours, laid out in idle time, a few at a time. */
      const showDeferred = (deadline?: IdleDeadline): void => {
        loadScheduled = false
        for (const slide of deferred) {
          if (deadline && !deadline.didTimeout && deadline.timeRemaining() < 4) {
            scheduleLoads()
            return
          }
          deferred.delete(slide)
          if (slide.isConnected) {
            show(slide, undefined)
            // Styled and laid out now, in idle time, not in the next key press.
            void slide.offsetHeight
          }
        }
      }
      let loadScheduled = false
      const scheduleLoads = (): void => {
        if (loadScheduled) return
        loadScheduled = true
        if (window.requestIdleCallback) window.requestIdleCallback(showDeferred, { timeout: 500 })
        else setTimeout(showDeferred, 50)
      }
      const show = (slide: HTMLElement, options: unknown): void => {
        unloaded.delete(slide)
        pending.delete(slide)
        putBack(slide)
        load(slide, options)
      }
      content.load = (slide, options) => {
        const current = deck.getCurrentSlide()
        // A hidden neighbour of the current slide, while stepping: shown after the paint.
        if (
          allowed() &&
          slide.style.display === 'none' &&
          current &&
          slide !== current &&
          !slide.contains(current)
        ) {
          deferred.add(slide)
          pending.delete(slide)
          scheduleLoads()
          return
        }
        deferred.delete(slide)
        show(slide, options)
      }
      content.unload = (slide) => {
        deferred.delete(slide)
        // Still hidden as we left it: nothing was loaded into it since, so nothing to reset.
        if (unloaded.has(slide) && slide.style.display === 'none') return
        unload(slide)
        unloaded.add(slide)
        if (stepping) {
          pending.add(slide)
          schedule()
        }
      }

      // The first step starts it: every slide reveal.js has unloaded so far is kept aside.
      const start = (): void => {
        if (stepping) return
        stepping = true
        for (const slide of deck.getSlides()) if (unloaded.has(slide)) pending.add(slide)
        schedule()
      }
      // The overview and the reading view show far slides: everything back, until they close.
      const showAll = (): void => {
        if (!allowed()) restoreAll()
      }
      deck.on('slidechanged', start)
      for (const type of ['overviewshown', 'resize']) deck.on(type, showAll)
      plugin.destroy = () => {
        deck.off('slidechanged', start)
        for (const type of ['overviewshown', 'resize']) deck.off(type, showAll)
        content.load = load
        content.unload = unload
        restoreAll()
      }

      control.restoreAll = () => {
        paused++
        restoreAll()
      }
      control.resume = () => {
        paused = Math.max(0, paused - 1)
      }
    },
  }
  return { plugin, control }
}
