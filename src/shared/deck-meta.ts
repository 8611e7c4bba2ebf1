// The deck's metadata: what the front matter says about the session, read by the build and the page.

/** What a deck's first file may say about the session. */
export interface DeckMeta {
  /** The talk's title; the page `<title>`. */
  title: string
  /** A short title for the footer. @defaultValue `title` */
  shortTitle?: string
  /** The reading group's name. */
  group?: string
  /** ISO date of the session, `YYYY-MM-DD`. */
  date?: string
  presenter?: string
  /** A sentence or two about the session: the home page, link previews and the feed show it. */
  description?: string
  /** Length of the session in minutes (pacing in the speaker view). */
  duration?: number
  paper?: { citation?: string; url?: string }
  /** Page language. @defaultValue `'en'` */
  lang?: string
  /** KaTeX macros shared by every slide of this deck, e.g. `{ '\\R': '\\mathbb{R}' }`. */
  macros?: Record<string, string>
  /** A CSL style file in the session folder for citations. @defaultValue APA (author-date) */
  csl?: string
}

/** The metadata as the page carries it (`#deck-meta`): plus the deck's folder name the build adds. */
export type PageDeckMeta = DeckMeta & {
  /** The deck's folder name; also the name of its PDF and single-file copies. */
  slug?: string
}
