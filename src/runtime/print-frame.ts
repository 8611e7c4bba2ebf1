// The print view's page footer: on every PDF page, where the frame's footer is on the slide, the
// presenter, the short title and `n / N` (so "see slide 17" can be found in the PDF).
import type { DeckMeta } from './meta.ts'
import type { Deck } from './types.ts'

/** The footer text of slide `index` (0-based) of `total`. */
export function pageFooter(
  meta: DeckMeta,
  index: number,
  total: number,
): { presenter: string; title: string; count: string } {
  return {
    presenter: meta.presenter ?? meta.group ?? '',
    title: meta.shortTitle ?? meta.title,
    count: `${index + 1} / ${total}`,
  }
}

/** Adds the footer to each `.pdf-page`, at the bottom of the slide (above a handout's notes). */
export function addPageFooters(deck: Deck, meta: DeckMeta): void {
  const { width, height } = deck.getConfig() as { width: number; height: number }
  const slides = deck.getSlides()
  for (const page of Array.from(document.querySelectorAll<HTMLElement>('.reveal .pdf-page'))) {
    const slide = page.querySelector<HTMLElement>('section')
    const index = slide ? slides.indexOf(slide) : -1
    if (index < 0 || page.querySelector(':scope > .deck-print-footer')) continue
    const text = pageFooter(meta, index, slides.length)
    const footer = document.createElement('div')
    footer.className = 'deck-print-footer'
    footer.style.width = `${width}px`
    footer.style.top = `calc(${height}px - var(--deck-footer-height))`
    for (const [key, value] of Object.entries(text)) {
      const span = document.createElement('span')
      span.className = `deck-print-${key}`
      span.textContent = value
      footer.append(span)
    }
    page.append(footer)
  }
}
