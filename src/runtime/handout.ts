// Reading view as a handout (loaded on demand): each slide's speaker notes, math included, shown
// under the slide, copied from all of the slide's notes (src/runtime/slides.ts reads them).
import { HANDOUT_PARAM } from './readbar.ts'
import { cloneNotes } from './slides.ts'
import type { Deck } from './types.ts'

const NOTES_CLASS = 'deck-handout-notes'

function addNotes(deck: Deck): void {
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

/** Shows or hides the notes under each slide of the reading view, and says so in the URL. */
export function setHandout(deck: Deck, on: boolean): void {
  const current = deck.getCurrentSlide()
  document.documentElement.classList.toggle('deck-handout', on)
  if (on) addNotes(deck)
  const url = new URL(location.href)
  if (on) url.searchParams.set(HANDOUT_PARAM, '')
  else url.searchParams.delete(HANDOUT_PARAM)
  history.replaceState(history.state, '', url.href.replace(`${HANDOUT_PARAM}=`, HANDOUT_PARAM))
  deck.layout()
  // Keep the reader on the slide they were reading.
  if (current) {
    const { h, v } = deck.getIndices(current)
    deck.slide(h, v)
  }
}

/** Re-adds the notes after reveal.js rebuilt the reading view (e.g. after a resize). */
export function keepHandout(deck: Deck): void {
  deck.on('resize', () => {
    if (document.documentElement.classList.contains('deck-handout') && deck.isScrollView())
      addNotes(deck)
  })
}
