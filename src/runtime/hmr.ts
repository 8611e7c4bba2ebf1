// Dev only: swap in recompiled slides and stay on the slide that was showing. An edit of one slide
// replaces that slide's `<section>` only (the dev server sends just the slides that changed), so
// an edit shows at once on a 300-slide deck too (issue 13); a change of the slides' number or
// order swaps them all. A compile error of this page's deck (and only this deck's) shows in
// Vite's error overlay (issue 9).
import type { RevealApi } from 'reveal.js'
import { ERROR_EVENT, type DeckErrorUpdate, type DeckUpdate } from '../shared/events.ts'

/** The deck folder this page shows (set by the build in `#deck-meta`). */
function pageSlug(): string | undefined {
  const meta = document.getElementById('deck-meta')?.textContent
  return meta ? (JSON.parse(meta) as { slug?: string }).slug : undefined
}

/** Where reveal.js keeps a slide's background elements (js/controllers/backgrounds.js). */
const BACKGROUND_KEYS = ['slideBackgroundElement', 'slideBackgroundContentElement']

/** One `<section>` from its HTML. */
function sectionOf(html: string): HTMLElement | undefined {
  const template = document.createElement('template')
  template.innerHTML = html
  const section = template.content.firstElementChild
  return section instanceof HTMLElement && section.tagName === 'SECTION' ? section : undefined
}

/** Replaces the slides listed; false when the page's slides do not line up with the update. */
function replaceChanged(deck: RevealApi, changed: NonNullable<DeckUpdate['changed']>): boolean {
  const slides = deck.getSlides()
  const fresh = changed.map(({ index, html }) => ({ old: slides[index], section: sectionOf(html) }))
  if (fresh.some(({ old, section }) => !old || !section)) return false
  for (const { old, section } of fresh) {
    // reveal.js keeps each slide's background elements on the slide element: the new one takes
    // them over, and syncSlide() applies its data-background-* to them.
    for (const key of BACKGROUND_KEYS)
      (section as unknown as Record<string, unknown>)[key] = (
        old as unknown as Record<string, unknown>
      )[key]
    old!.replaceWith(section!)
    deck.syncSlide(section!)
  }
  return true
}

/** Swaps in a live update of this page's deck (updates for other decks are ignored). */
export function applyUpdate(deck: RevealApi, update: DeckUpdate): void {
  // The dev server serves every session; an update for another deck is not for this page.
  if (update.slug !== pageSlug()) return
  const current = deck.getCurrentSlide()?.id
  const { h, v, f } = deck.getIndices()
  const container = deck.getSlidesElement()
  if (!container) return
  const partial = update.changed !== undefined && replaceChanged(deck, update.changed)
  if (!partial) {
    // The whole deck: sent as such, or the page's slides no longer line up with the update.
    if (update.slides === undefined) return location.reload()
    container.innerHTML = update.slides
    deck.sync()
  }
  document.title = new DOMParser().parseFromString(
    `<title>${update.title}</title>`,
    'text/html',
  ).title
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
