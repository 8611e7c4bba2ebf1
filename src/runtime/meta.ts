// The deck's metadata, which the build writes into the page as JSON (`#deck-meta`).
import type { PageDeckMeta } from '../shared/deck-meta.ts'

/** What the front matter says about the session, plus the deck's folder name the build adds. */
export type DeckMeta = PageDeckMeta

/** Reads `#deck-meta`; a page without it gets the document title. */
export function readMeta(doc: Document = document): DeckMeta {
  const text = doc.getElementById('deck-meta')?.textContent
  const meta = text ? (JSON.parse(text) as Partial<DeckMeta>) : {}
  return { ...meta, title: meta.title ?? doc.title }
}

/** The deck's folder name: from the metadata, else from the first slide's `data-source`. */
export function deckSlug(meta: DeckMeta, doc: Document = document): string {
  if (meta.slug) return meta.slug
  const source = doc.querySelector('.slides > section[data-source]')?.getAttribute('data-source')
  const parts = (source ?? '').split(':')[0]!.split('/')
  return parts.length > 1 ? parts[parts.length - 2]! : 'slides'
}
