// Dev only: swap in recompiled slides and stay on the slide that was showing.
import type { RevealApi } from 'reveal.js'
import type { DeckUpdate } from '../shared/events.ts'

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
