// The search index's shape, shared by the build that writes it (search-index.ts) and the home
// page's script that loads it (search-client.ts): MiniSearch needs the same options on both
// sides. Pure: no DOM, no Node.
import type { Options } from 'minisearch'

/** One indexed slide: its text as the reader sees it (never markup), and where it lives. */
export interface SearchDoc {
  /** `<session>/<slide id>`: unique in the site. */
  id: string
  /** The session's folder name (its URL path). */
  session: string
  /** The slide's id (`#/<id>` opens it). */
  slide: string
  /** The slide's heading, or the session's title for a slide without one. */
  title: string
  /** The session's title. */
  sessionTitle: string
  /** The slide's text under its heading, notes left out. */
  text: string
  /** The speaker notes' text. */
  notes: string
}

/** The file beside the home page that holds the serialized index. */
export const SEARCH_INDEX_FILE = 'search-index.json'

/** The home page's search module, beside it. */
export const SEARCH_SCRIPT_FILE = 'search.js'

/** What is indexed and what is stored for showing a result (its link, title and a snippet). */
export const SEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'text', 'notes'],
  storeFields: ['session', 'slide', 'title', 'sessionTitle', 'text', 'notes'],
}

/** How the page searches: words as prefixes, a typo forgiven, headings first. */
export const SEARCH_QUERY = {
  prefix: true,
  fuzzy: 0.2,
  boost: { title: 3, text: 1.5 },
  combineWith: 'AND',
} as const

/** Characters of context on each side of the word found, in a snippet. */
const CONTEXT = 70

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The snippet of `text` around a word found, as [before, match, after]: the first of `terms` (the
 * words searched for, then the words the index matched) found at the start of a word, longest
 * first, with some context each side.
 */
export function snippet(text: string, ...terms: string[][]): [string, string, string] {
  let at = -1
  let length = 0
  const ordered = terms.flatMap((group) => [...group].sort((a, b) => b.length - a.length))
  for (const term of ordered) {
    const found = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}`, 'iu').exec(text)
    if (found) {
      at = found.index
      length = found[0].length
      break
    }
  }
  if (at < 0) return [text.length > 2 * CONTEXT ? `${text.slice(0, 2 * CONTEXT)}…` : text, '', '']
  const start = Math.max(0, at - CONTEXT)
  const end = Math.min(text.length, at + length + CONTEXT)
  return [
    `${start > 0 ? '…' : ''}${text.slice(start, at)}`,
    text.slice(at, at + length),
    `${text.slice(at + length, end)}${end < text.length ? '…' : ''}`,
  ]
}
