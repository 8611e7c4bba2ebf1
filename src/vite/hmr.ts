// What a deck's open pages need after the deck compiled again: only the slides whose HTML changed,
// every slide when they no longer line up (one added, removed), or a reload when the page around
// the slides changed (the headmatter: title, presenter, date, language, duration…). Pure: the dev
// server keeps what it sent each deck's pages (dev-updates.ts) and sends what this returns.
import { pageTitle, renderSection } from '../compiler/assemble.ts'
import type { CompiledDeck } from '../compiler/index.ts'

/** What a deck's open pages show. */
export interface ShownDeck {
  /** Each slide's `<section>`, as the page has it. */
  slides: string[]
  /**
   * Everything of the page outside the slides that comes from the deck (its metadata, which the
   * frame, the footer, `<html lang>`, the title and the speaker view's pacing read): one string.
   */
  page: string
}

/** One slide that changed, by position. */
export interface ChangedSlide {
  index: number
  html: string
}

/** What to send a deck's open pages. */
export type DeckChange =
  /** Nothing they show changed (a save without an edit). */
  | { type: 'none' }
  /** The same slides, some of them changed: only those. */
  | { type: 'changed'; changed: ChangedSlide[] }
  /** Slides were added or removed, or what the pages have is not known: all of them. */
  | { type: 'slides'; slides: string[] }
  /** The page around the slides changed: reload the deck's pages (the URL keeps the slide). */
  | { type: 'reload' }

/** What the pages of a compiled deck show. */
export function shownDeck(deck: CompiledDeck): ShownDeck {
  return {
    slides: deck.slides.map(renderSection),
    page: JSON.stringify([pageTitle(deck), deck.meta]),
  }
}

/**
 * What changed from `before` (what the pages were sent; undefined when unknown) to `after`.
 * The slides are compared by their whole HTML, position by position.
 */
export function diffDeck(before: ShownDeck | undefined, after: ShownDeck): DeckChange {
  if (!before) return { type: 'slides', slides: after.slides }
  if (before.page !== after.page) return { type: 'reload' }
  if (before.slides.length !== after.slides.length) return { type: 'slides', slides: after.slides }
  const changed = after.slides.flatMap((html, index) =>
    html === before.slides[index] ? [] : [{ index, html }],
  )
  return changed.length > 0 ? { type: 'changed', changed } : { type: 'none' }
}
