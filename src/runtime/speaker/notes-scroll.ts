// The speaker view's notes pane scrolls on its own (wheel, keys), and says when more follows:
// a cue under the text while the end is not in view.
import type { Bindings } from '../controller.ts'

/** Keys that scroll the notes from anywhere in the speaker view (the arrows move the deck). */
export const NOTES_KEYS: Record<string, 1 | -1> = { j: 1, J: 1, k: -1, K: -1 }

/** Keys the notes pane keeps for itself while it has the focus (the browser scrolls it). */
const OWN_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' '])

/** The notes pane's scrolling. */
export interface NotesScroll {
  /** The cue element to place under the notes. */
  cue: HTMLElement
  /** Call after the notes change: back to the top, cue updated. */
  reset(): void
  /** Scrolls by most of a pane (1 down, -1 up). */
  page(direction: 1 | -1): void
  /** Whether a key press belongs to the notes pane (focused) rather than to the deck. */
  owns(event: KeyboardEvent): boolean
  /** Follows the pane's scrolling and size, to show the cue only while more follows. */
  bind(bindings: Bindings): void
}

/** Makes `body` (the notes' scrolling box) focusable, with a "more below" cue. */
export function scrollableNotes(body: HTMLElement): NotesScroll {
  body.tabIndex = 0
  const cue = document.createElement('p')
  cue.className = 'speaker-notes-more'
  cue.setAttribute('aria-hidden', 'true')
  cue.textContent = 'More below: scroll, or press J (K goes back up)'
  const update = (): void => {
    const more = body.scrollHeight - body.clientHeight - body.scrollTop > 2
    cue.hidden = !more
    body.classList.toggle('has-more', more)
  }
  return {
    bind(bindings) {
      bindings.listen(body, 'scroll', update, { passive: true })
      bindings.listen(window, 'resize', update)
      const observer = new ResizeObserver(update)
      observer.observe(body)
      bindings.add(() => observer.disconnect())
    },
    cue,
    reset() {
      body.scrollTop = 0
      update()
    },
    page(direction) {
      body.scrollBy({ top: direction * body.clientHeight * 0.8 })
      update()
    },
    owns(event) {
      return body.contains(event.target as Node) && OWN_KEYS.has(event.key)
    },
  }
}
