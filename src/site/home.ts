// The home page: the archive of sessions, newest first, from each deck's front matter — date,
// presenter, title, a short description and the paper — in the deck's font and colours, light and
// dark. Static HTML; its only script is a same-origin module file (the search, search-client.ts).
import { formatSessionDate } from '../shared/dates.ts'
import { escapeHtml } from '../shared/html.ts'
import { contentSecurityPolicy } from '../vite/csp.ts'
import type { SessionSummary } from '../vite/plugin.ts'

/** One session on the home page (the Vite plugin's dev home page passes the same). */
export type HomeEntry = SessionSummary

/** The sessions newest first: by date, then by folder name (which starts with the date). */
export function newestFirst<T extends { slug: string; meta: { date?: string } }>(
  entries: readonly T[],
): T[] {
  return [...entries].sort(
    (a, b) => (b.meta.date ?? '').localeCompare(a.meta.date ?? '') || b.slug.localeCompare(a.slug),
  )
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/**
 * The paper's citation without the session's title in it, when the session is named after its
 * paper (`Author, A., … (2025). arXiv:0000.00000.`): the page prints the title once, as the heading.
 */
export function citationWithoutTitle(citation: string, title: string): string {
  const at = citation.toLowerCase().indexOf(squash(title).toLowerCase())
  if (squash(title) === '' || at < 0) return squash(citation)
  const after = citation.slice(at + squash(title).length).replace(/^[.?!]?/, '')
  return squash(`${citation.slice(0, at)}${after}`)
}

function entry(e: HomeEntry): string {
  const { meta } = e
  const href = `./${encodeURIComponent(e.slug)}/`
  const date = meta.date
    ? `<time datetime="${escapeHtml(meta.date)}">${escapeHtml(formatSessionDate(meta.date))}</time>`
    : ''
  const presenter = meta.presenter
    ? `<span class="presenter">${escapeHtml(meta.presenter)}</span>`
    : ''
  const byline = [date, presenter].filter(Boolean).join(' · ')
  const citation = meta.paper?.citation ? citationWithoutTitle(meta.paper.citation, meta.title) : ''
  const paperText = citation || (meta.paper?.url ? 'the paper' : '')
  const paper = paperText
    ? `<p class="paper"><span class="label">Paper:</span> ${
        meta.paper?.url
          ? `<a href="${escapeHtml(meta.paper.url)}">${escapeHtml(paperText)}</a>`
          : escapeHtml(paperText)
      }</p>`
    : ''
  const pdf = e.hasPdf ? ` · <a href="${href}${encodeURIComponent(e.slug)}.pdf">PDF</a>` : ''
  const count = `${e.slideCount} slide${e.slideCount === 1 ? '' : 's'}`
  // A session in another language than the page's is marked so (screen readers, hyphenation).
  const lang = meta.lang && meta.lang !== 'en' ? ` lang="${escapeHtml(meta.lang)}"` : ''
  return `<li class="session">
<article${lang}>
${byline ? `<p class="meta">${byline}</p>\n` : ''}<h2><a href="${href}">${escapeHtml(meta.title)}</a></h2>
${meta.description ? `<p class="description">${escapeHtml(meta.description)}</p>\n` : ''}${paper}
<p class="links"><a href="${href}">Slides</a>${pdf} · <span class="count">${count}</span></p>
</article>
</li>`
}

/** How the home page is written: the built site's, or the dev server's (see dev-home.ts). */
export interface HomeOptions {
  /** @defaultValue `'Reading is fun'` */
  groupName?: string
  /** The stylesheet's URL. @defaultValue `'./home.css'` (copied beside the page) */
  stylesheet?: string
  /** Module scripts' URLs, at the end of the body. @defaultValue none: static HTML */
  scripts?: string[]
  /** Font files to preload (URLs), the ones the page's text is set in. @defaultValue none */
  fonts?: string[]
  /** The Atom feed's URL, linked from the head and the masthead. @defaultValue none */
  feed?: string
  /** The search form, for the search module (search-client.ts) to bring to life. @defaultValue false */
  search?: boolean
}

/**
 * The search form: hidden until the search module has loaded the index (without script, no dead
 * form), then results appear under it as the reader types.
 */
const SEARCH_FORM = `<form id="site-search" class="site-search" role="search" hidden>
<label for="site-search-q">Search every session's slides and notes</label>
<input id="site-search-q" name="q" type="search" autocomplete="off" spellcheck="false" placeholder="a word or a phrase" />
</form>
<p id="site-search-status" class="search-status" role="status"></p>
<ol id="site-search-results" class="results"></ol>
`

/** The site's `index.html`: a list of sessions, newest first. */
export function renderHome(entries: HomeEntry[], options: HomeOptions = {}): string {
  const { groupName = 'Reading is fun', stylesheet = './home.css', scripts = [], feed } = options
  const sorted = newestFirst(entries)
  const preloads = (options.fonts ?? [])
    .map(
      (href) =>
        `<link rel="preload" href="${escapeHtml(href)}" as="font" type="font/woff2" crossorigin />\n`,
    )
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" />
<title>${escapeHtml(groupName)} · sessions</title>
<meta name="description" content="${escapeHtml(`The slides of every session of ${groupName}, a machine-learning reading group, newest first.`)}" />
${preloads}<link rel="stylesheet" href="${escapeHtml(stylesheet)}" />
${
  feed
    ? `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(`${groupName} · sessions`)}" href="${escapeHtml(feed)}" />
`
    : ''
}</head>
<body>
<header class="masthead">
<h1>${escapeHtml(groupName)}</h1>
<p class="lead">A community machine-learning reading group. The slides of every session, newest first.</p>
${
  feed
    ? `<p class="feed"><a href="${escapeHtml(feed)}">Atom feed</a> of new sessions</p>
`
    : ''
}</header>
<main>
${options.search ? SEARCH_FORM : ''}<h2 class="visually-hidden">Sessions</h2>
<ol class="sessions" reversed>
${sorted.map(entry).join('\n')}
</ol>
</main>
${scripts.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>\n`).join('')}</body>
</html>
`
}
