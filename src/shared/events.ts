// The dev server's custom HMR event: its name and payload, sent by src/vite/ and read by the page.

/** Custom HMR event carrying a deck's new slides; the page swaps them in and keeps the slide. */
export const UPDATE_EVENT = 'deck:update'

/** The payload of {@link UPDATE_EVENT}. */
export interface DeckUpdate {
  /** The deck's folder name; pages of other decks ignore the update. */
  slug: string
  /** The `<section>` elements of every slide, as the build writes them. */
  slides: string
  /** The page title (HTML-escaped text). */
  title: string
}
