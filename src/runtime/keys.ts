// The deck's keys: the table the `?` help lists (the deck's own keys first, then reveal.js's
// moves), and the deck's own bindings: S opens the speaker view, R switches between the
// presentation and the reading view on the slide shown.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { isNarrow, viewUrl } from './mode.ts'

/** One row of the help: the keys (each a key cap; `+` joins a combination) and what they do. */
export interface KeyRow {
  keys: string[]
  action: string
}

/** The deck's own keys and tools, listed first. */
export const DECK_KEYS: readonly KeyRow[] = [
  { keys: ['S'], action: 'Speaker view: notes, timer, next slide' },
  { keys: ['R'], action: 'Reading view ↔ presentation' },
  { keys: ['Ctrl+Shift+F'], action: 'Search the slides' },
  { keys: ['Alt+Click'], action: 'Zoom in (Esc: out); Ctrl+Click on Linux' },
  { keys: ['?'], action: 'This help (Esc closes it)' },
]

/** reveal.js's keys for moving around the deck. */
export const MOVE_KEYS: readonly KeyRow[] = [
  { keys: ['→', 'Space', 'N'], action: 'Next step' },
  { keys: ['←', 'P'], action: 'Previous step' },
  { keys: ['Alt+→', 'Alt+←'], action: 'Next / previous slide, skipping steps' },
  { keys: ['Home', 'End'], action: 'First / last slide' },
  { keys: ['G'], action: 'Jump to a slide by number' },
  { keys: ['Esc', 'O'], action: 'Overview of all slides' },
  { keys: ['F'], action: 'Full screen' },
  { keys: ['B', '.'], action: 'Pause: black screen' },
]

export class KeysController implements Controller {
  private readonly bindings = new Bindings()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck, actions } = this.ctx
    this.bindings.key(
      deck,
      { keyCode: 83, key: 'S', description: DECK_KEYS[0]!.action },
      actions.openSpeaker,
    )
    this.bindings.key(deck, { keyCode: 82, key: 'R', description: DECK_KEYS[1]!.action }, () => {
      const id = deck.getCurrentSlide()?.id ?? ''
      location.href = deck.isScrollView() ? viewUrl('present', id, isNarrow()) : viewUrl('read', id)
    })
  }

  unbind(): void {
    this.bindings.clear()
  }

  render(): void {}
}
