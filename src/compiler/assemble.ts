// Assemble: compiled slides -> the reveal.js `<section>` markup placed in the page at build time.
import { attrsToHtml, escapeHtml } from '../shared/html.ts'
import type { CompiledDeck, CompiledSlide } from './index.ts'

/** One `<section>`: id, section name and source position as attributes, rendered HTML inside. */
export function renderSection(slide: CompiledSlide): string {
  const attrs: Record<string, string | undefined> = {
    id: slide.id,
    ...slide.attrs,
    'data-section': slide.section,
    'data-source': `${slide.file}:${slide.line}`,
  }
  return `<section${attrsToHtml(attrs)}>\n${slide.html}</section>`
}

/** All slides, in order, for `.reveal > .slides`. */
export function renderSlides(deck: CompiledDeck): string {
  return deck.slides.map(renderSection).join('\n')
}

/** `<title>` text for the page. */
export function pageTitle(deck: CompiledDeck): string {
  const { title, group } = deck.meta
  return escapeHtml(group ? `${title} · ${group}` : title)
}
