// Dev only: swap in recompiled slides and stay on the slide that was showing; show a compile error
// of this page's deck (and only this deck's) in Vite's error overlay.
import type { RevealApi } from 'reveal.js'
import { ERROR_EVENT, type DeckErrorUpdate, type DeckUpdate } from '../shared/events.ts'

/** The deck folder this page shows (set by the build in `#deck-meta`). */
function pageSlug(): string | undefined {
  const meta = document.getElementById('deck-meta')?.textContent
  return meta ? (JSON.parse(meta) as { slug?: string }).slug : undefined
}

/** Swaps in a live update of this page's deck (updates for other decks are ignored). */
export function applyUpdate(deck: RevealApi, update: DeckUpdate): void {
  // The dev server serves every session; an update for another deck is not for this page.
  if (update.slug !== pageSlug()) return
  const current = deck.getCurrentSlide()?.id
  const { h, v, f } = deck.getIndices()
  const container = deck.getSlidesElement()
  if (!container) return
  container.innerHTML = update.slides
  document.title = new DOMParser().parseFromString(
    `<title>${update.title}</title>`,
    'text/html',
  ).title
  deck.sync()
  const same = current ? [...deck.getHorizontalSlides()].findIndex((s) => s.id === current) : -1
  if (same >= 0) deck.slide(same, 0, f)
  else deck.slide(Math.min(h, deck.getTotalSlides() - 1), v, f)
  document.querySelectorAll('vite-error-overlay').forEach((overlay) => overlay.remove())
}

/** Vite's overlay element (its client defines it): `new ErrorOverlay(err)`. */
type ErrorOverlayElement = new (err: DeckErrorUpdate['err']) => HTMLElement

/**
 * Shows a compile error of this page's deck in Vite's error overlay (the element Vite's client
 * defines, as its own `error` message would); errors of other decks are not for this page.
 */
export function showDeckError(update: DeckErrorUpdate): void {
  if (update.slug !== pageSlug()) return
  const Overlay = customElements.get('vite-error-overlay') as ErrorOverlayElement | undefined
  if (!Overlay) return
  document.querySelectorAll('vite-error-overlay').forEach((overlay) => overlay.remove())
  document.body.appendChild(new Overlay(update.err))
}

// Every page mode imports this module (main.ts), so every page of a deck, the speaker view
// included, listens for its deck's errors; the dev server never sends Vite's own `error` to all.
if (import.meta.hot) import.meta.hot.on(ERROR_EVENT, showDeckError)
