// The shape of every part of the browser runtime, as reveal.js's js/controllers/: a controller is
// built with the deck, `bind()` adds its elements and listeners, `render()` brings what it shows
// in line with the slides now in the page (after a live update), and `unbind()` removes what
// `bind()` added. `Bindings` records what a controller adds, so that `unbind()` removes exactly
// that and a second `bind()` adds nothing twice. The list of controllers is controllers.ts.
import type { FastSteps } from './fast-steps.ts'
import type { DeckMeta } from './meta.ts'
import type { PageMode } from './mode.ts'
import type { Deck } from './types.ts'

/** One part of the runtime (the frame, the reading bar, the URL, the speaker link…). */
export interface Controller {
  /** Adds the part's elements and listeners; once, until `unbind()`. */
  bind(): void | Promise<void>
  /** Shows the slides now in the page (after a live update swapped some). */
  render(): void | Promise<void>
  /** Removes everything `bind()` added. */
  unbind(): void
}

/** What the deck's controls do: the frame's and the reading bar's buttons, the keys. */
export interface DeckActions {
  openSpeaker(): void
  toggleSearch(): void
  toggleFullscreen(): void
  toggleTheme(): void
}

/** What every controller of a deck page is built with. */
export interface RuntimeContext {
  deck: Deck
  mode: PageMode
  meta: DeckMeta
  /** The deck's folder name (its PDF's and its speaker window's name). */
  slug: string
  /** Keeps far slides' content aside while presenting (fast-steps.ts). */
  steps: FastSteps
  actions: DeckActions
}

/** The handler of a reveal.js event (reveal.js's typings take any listener). */
type DeckHandler = (event: Event) => void

/** Listeners, observers, timers and elements a controller added, all removed by `clear()`. */
export class Bindings {
  private undo: (() => void)[] = []
  private readonly timeouts = new Set<ReturnType<typeof setTimeout>>()
  private readonly frames = new Set<number>()

  /** `target.addEventListener`, undone by `removeEventListener`. */
  listen<E extends Event = Event>(
    target: EventTarget,
    type: string,
    handler: (event: E) => void,
    options?: AddEventListenerOptions,
  ): void {
    const listener = handler as EventListener
    target.addEventListener(type, listener, options)
    this.undo.push(() => target.removeEventListener(type, listener, options))
  }

  /** `deck.on` (reveal.js's events), undone by `deck.off`. */
  on(deck: Deck, types: string | string[], handler: DeckHandler): void {
    for (const type of [types].flat()) {
      deck.on(type, handler)
      this.undo.push(() => deck.off(type, handler))
    }
  }

  /** `deck.addKeyBinding` (its key in reveal.js's help), undone by `deck.removeKeyBinding`. */
  key(
    deck: Deck,
    binding: { keyCode: number; key: string; description: string },
    run: (event: KeyboardEvent) => void,
  ): void {
    deck.addKeyBinding(binding, run)
    this.undo.push(() => deck.removeKeyBinding(binding.keyCode))
  }

  /** A timeout, cleared by `clear()` if it has not run. */
  timeout(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timeouts.delete(timer)
      run()
    }, ms)
    this.timeouts.add(timer)
  }

  /** An animation frame, cancelled by `clear()` if it has not run. */
  frame(run: () => void): void {
    const frame = requestAnimationFrame(() => {
      this.frames.delete(frame)
      run()
    })
    this.frames.add(frame)
  }

  /** An interval, cleared. */
  interval(run: () => void, ms: number): void {
    const timer = setInterval(run, ms)
    this.undo.push(() => clearInterval(timer))
  }

  /** Anything else to undo: an observer to disconnect, an element to remove. */
  add(undo: () => void): void {
    this.undo.push(undo)
  }

  /** Undoes everything, the latest first, and cancels the timeouts and frames still to run. */
  clear(): void {
    for (const undo of this.undo.splice(0).reverse()) undo()
    for (const timer of this.timeouts) clearTimeout(timer)
    for (const frame of this.frames) cancelAnimationFrame(frame)
    this.timeouts.clear()
    this.frames.clear()
  }
}

/**
 * A controller whose module is loaded only when the page needs it (`needed()`): at `bind()`, or
 * at a `render()` after a live update added what it serves (an explorer, stepped code).
 */
export function lazyController(load: () => Promise<Controller>, needed: () => boolean): Controller {
  let loading: Promise<Controller> | undefined
  let bound = false
  /** The loaded controller, once bound (it stays loaded while unbound). */
  let inner: Controller | undefined
  let innerBound = false
  const start = async (): Promise<void> => {
    if (!loading && !needed()) return
    loading ??= load()
    const controller = await loading
    inner = controller
    if (!bound || innerBound) return
    innerBound = true
    await controller.bind()
  }
  return {
    bind() {
      bound = true
      return start()
    },
    render() {
      if (!bound) return
      return inner && innerBound ? inner.render() : start()
    },
    unbind() {
      bound = false
      if (inner && innerBound) inner.unbind()
      innerBound = false
    },
  }
}
