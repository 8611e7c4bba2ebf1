// Dev only: swaps a live update of this page's deck into the page (the dev server sends only the
// slides that changed, so an edit shows at once on a 300-slide deck too; all of them when their
// number changed), after which the page's controllers render again (main.ts). A compile error of
// this page's deck (and only this deck's) shows in Vite's error overlay.
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

/**
 * Swaps the update's slides into `slides` (the `.slides` element, or a copy of it): the changed
 * ones in place, or all of them. Each old slide and its new one go to `replaced`. False when the
 * slides in `slides` do not line up with the update (a reload is then needed).
 */
export function swapSlides(
  slides: Element,
  update: DeckUpdate,
  replaced: (old: HTMLElement, fresh: HTMLElement) => void = () => {},
): boolean {
  if (update.slides !== undefined) {
    slides.innerHTML = update.slides
    return true
  }
  const sections = Array.from(slides.children).filter((c) => c.tagName === 'SECTION')
  const fresh = (update.changed ?? []).map(({ index, html }) => ({
    old: sections[index] as HTMLElement | undefined,
    section: sectionOf(html),
  }))
  if (fresh.some(({ old, section }) => !old || !section)) return false
  for (const { old, section } of fresh) {
    old!.replaceWith(section!)
    replaced(old!, section!)
  }
  return true
}

/**
 * Swaps a live update of this page's deck into reveal.js and keeps the slide that was showing;
 * true when the page's slides changed (updates for other decks are not for this page).
 */
export function applyUpdate(deck: RevealApi, update: DeckUpdate): boolean {
  // The dev server serves every session; an update for another deck is not for this page.
  if (update.slug !== pageSlug()) return false
  const container = deck.getSlidesElement()
  if (!container) return false
  const current = deck.getCurrentSlide()?.id
  const { h, v, f } = deck.getIndices()
  const swapped = swapSlides(container, update, (old, section) => {
    // reveal.js keeps each slide's background elements on the slide element: the new one takes
    // them over, and syncSlide() applies its data-background-* to them.
    for (const key of BACKGROUND_KEYS)
      (section as unknown as Record<string, unknown>)[key] = (
        old as unknown as Record<string, unknown>
      )[key]
    deck.syncSlide(section)
  })
  if (!swapped) {
    location.reload()
    return false
  }
  if (update.slides !== undefined) deck.sync()
  document.title = new DOMParser().parseFromString(
    `<title>${update.title}</title>`,
    'text/html',
  ).title
  const same = current ? [...deck.getHorizontalSlides()].findIndex((s) => s.id === current) : -1
  if (same >= 0) deck.slide(same, 0, f)
  else deck.slide(Math.min(h, deck.getTotalSlides() - 1), v, f)
  document.querySelectorAll('vite-error-overlay').forEach((overlay) => overlay.remove())
  return true
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

// Every page of a deck imports this module (main.ts), the speaker view included, so each listens
// for its deck's errors; the dev server never sends Vite's own `error` to all.
if (import.meta.hot) import.meta.hot.on(ERROR_EVENT, showDeckError)
