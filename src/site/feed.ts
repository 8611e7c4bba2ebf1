// The site's Atom 1.0 feed (feed.xml beside the home page): one entry per session, newest first,
// with its date, presenter and summary. Front matter is untrusted: every value is XML-escaped and
// characters XML 1.0 does not allow are dropped, so no title can end an element or the document.
import { createHash } from 'node:crypto'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { newestFirst } from './home.ts'
import { cardDescription } from './preview.ts'

/** The feed's file name, beside the home page. */
export const FEED_FILE = 'feed.xml'

/** Characters XML 1.0 does not allow (controls but tab and newlines, lone surrogates, U+FFFE/F). */
const RE_NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Text for XML content or a quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(RE_NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)
}

/** A stable `urn:uuid:` for a name: the feed's and entries' ids when the site has no address. */
function urnOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex')
  // A name-based UUID's layout (version 8: custom), from the hash.
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The session's day as an Atom date: its `date`, else the one its folder name starts with. */
function dayOf(slug: string, meta: DeckMeta): string {
  const day = meta.date ?? /^\d{4}-\d{2}-\d{2}/.exec(slug)?.[0] ?? '1970-01-01'
  return `${day}T00:00:00Z`
}

export interface FeedOptions {
  /** The site's address with a trailing slash (SITE_URL); without it, links relative to the feed. */
  base?: string
  /** @defaultValue `'Reading is fun'` */
  groupName?: string
}

/** The Atom feed of `sessions`. */
export function renderFeed(
  sessions: { slug: string; meta: DeckMeta }[],
  options: FeedOptions = {},
): string {
  const { base, groupName = 'Reading is fun' } = options
  const sorted = newestFirst(sessions)
  const home = base ?? './'
  const updated = sorted[0] ? dayOf(sorted[0].slug, sorted[0].meta) : '1970-01-01T00:00:00Z'
  const entries = sorted.map(({ slug, meta }) => {
    const href = `${home}${encodeURIComponent(slug)}/`
    const day = dayOf(slug, meta)
    return `  <entry>
    <id>${escapeXml(base ? href : urnOf(`${groupName}/${slug}`))}</id>
    <title>${escapeXml(meta.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(href)}"/>
    <published>${day}</published>
    <updated>${day}</updated>
    <author><name>${escapeXml(meta.presenter ?? groupName)}</name></author>
    <summary>${escapeXml(cardDescription(meta))}</summary>
  </entry>
`
  })
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(base ?? urnOf(groupName))}</id>
  <title>${escapeXml(`${groupName} · sessions`)}</title>
  <subtitle>${escapeXml(`The sessions of ${groupName}, a machine-learning reading group: slides, notes and the paper.`)}</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base ?? ''}${FEED_FILE}`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(home)}"/>
  <author><name>${escapeXml(groupName)}</name></author>
${entries.join('')}</feed>
`
}
