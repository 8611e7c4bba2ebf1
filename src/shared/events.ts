// The dev server's custom HMR events: their names and payloads, sent by src/vite/ and read by the page.

/** Custom HMR event carrying a deck's new slides; the page swaps them in and keeps the slide. */
export const UPDATE_EVENT = 'deck:update'

/** The payload of {@link UPDATE_EVENT}. */
export interface DeckUpdate {
  /** The deck's folder name; pages of other decks ignore the update. */
  slug: string
  /**
   * The `<section>` elements of every slide, as the build writes them: when slides were added,
   * removed or moved, or the server does not know what the page has.
   */
  slides?: string
  /** Otherwise only the slides whose HTML changed, by position (edits show at once). */
  changed?: { index: number; html: string }[]
  /** The page title (HTML-escaped text). */
  title: string
}

/**
 * Custom HMR event carrying a deck's compile error: only pages of that deck show it (as Vite's
 * error overlay), so a broken deck or a mistyped URL never reaches another deck's tab.
 */
export const ERROR_EVENT = 'deck:error'

/** The error fields Vite's overlay shows (Vite's `ErrorPayload['err']`, without Vite's types). */
export interface DeckErrorDetails {
  message: string
  stack: string
  id?: string
  frame?: string
  plugin?: string
  loc?: { file?: string; line: number; column: number }
}

/** The payload of {@link ERROR_EVENT}. */
export interface DeckErrorUpdate {
  /** The deck's folder name; pages of other decks ignore the error. */
  slug: string
  err: DeckErrorDetails
}
