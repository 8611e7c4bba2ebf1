// Reading view as a handout (loaded on demand): each slide's speaker notes, math included, shown
// under the slide, copied from all of the slide's notes (src/runtime/slides.ts reads them). The
// reading bar (readbar.ts) switches it and keeps it in step with the pages.
import { HANDOUT_PARAM } from './mode.ts'
import { cloneNotes } from './slides.ts'
import type { Deck } from './types.ts'

const NOTES_CLASS = 'deck-handout-notes'

/** Puts each slide's notes under its page of the reading view (pages that have them keep them). */
export function addNotes(deck: Deck): void {
  const pages = deck.getRevealElement()!.querySelectorAll<HTMLElement>('.scroll-page')
  pages.forEach((page) => {
    if (page.querySelector(`:scope > .${NOTES_CLASS}`)) return
    const slide = page.querySelector('section')
    const content = slide ? cloneNotes(slide) : []
    const notes = document.createElement('div')
    notes.className = NOTES_CLASS
    notes.setAttribute('role', 'note')
    notes.setAttribute('aria-label', 'Speaker notes')
    if (content.length) notes.append(...content)
    else notes.classList.add('empty')
    page.append(notes)
  })
}

/** Takes the notes out of the reading view's pages. */
export function removeNotes(deck: Deck): void {
  for (const notes of deck.getRevealElement()!.querySelectorAll(`.${NOTES_CLASS}`)) notes.remove()
}

/**
 * Shows or hides the notes under each slide of the reading view, and says so in the URL (unless
 * `inUrl` is false: the bar going away leaves the URL as it is).
 */
export function showHandout(deck: Deck, on: boolean, inUrl = true): void {
  const current = deck.getCurrentSlide()
  document.documentElement.classList.toggle('deck-handout', on)
  if (on) addNotes(deck)
  else removeNotes(deck)
  if (inUrl) {
    const url = new URL(location.href)
    if (on) url.searchParams.set(HANDOUT_PARAM, '')
    else url.searchParams.delete(HANDOUT_PARAM)
    history.replaceState(history.state, '', url.href.replace(`${HANDOUT_PARAM}=`, HANDOUT_PARAM))
  }
  deck.layout()
  // Keep the reader on the slide they were reading.
  if (current) {
    const { h, v } = deck.getIndices(current)
    deck.slide(h, v)
  }
}
