// The home page: every session, newest first, from each deck's front matter. Static HTML, no JS.
import { escapeHtml } from '../shared/html.ts'
import { contentSecurityPolicy } from '../vite/csp.ts'
import type { SessionSummary } from '../vite/plugin.ts'

/** One session on the home page (the Vite plugin's dev home page passes the same). */
export type HomeEntry = SessionSummary

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

function formatDate(iso: string | undefined): string {
  if (!iso) return ''
  return LONG_DATE.format(new Date(`${iso}T00:00:00Z`))
}

function entry(e: HomeEntry): string {
  const { meta } = e
  const title = escapeHtml(meta.title)
  const paper = meta.paper?.url ? `<a href="${escapeHtml(meta.paper.url)}">Paper</a>` : ''
  const pdf = e.hasPdf ? `<a href="./${e.slug}/${e.slug}.pdf">PDF</a>` : ''
  const links = [`<a href="./${e.slug}/">Slides</a>`, paper, pdf].filter(Boolean).join(' · ')
  return `<li class="session">
  <p class="meta"><time datetime="${escapeHtml(meta.date ?? '')}">${formatDate(meta.date)}</time>${meta.presenter ? ` · ${escapeHtml(meta.presenter)}` : ''}</p>
  <h2><a href="./${e.slug}/">${title}</a></h2>
  ${meta.paper?.citation ? `<p class="citation">${escapeHtml(meta.paper.citation)}</p>` : ''}
  <p class="links">${links} <span class="count">(${e.slideCount} slides)</span></p>
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
}

/** The site's `index.html`: a list of sessions, newest first. */
export function renderHome(entries: HomeEntry[], options: HomeOptions = {}): string {
  const { groupName = 'Reading is fun', stylesheet = './home.css', scripts = [] } = options
  const sorted = [...entries].sort(
    (a, b) => (b.meta.date ?? '').localeCompare(a.meta.date ?? '') || b.slug.localeCompare(a.slug),
  )
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(groupName)} · sessions</title>
<link rel="stylesheet" href="${escapeHtml(stylesheet)}" />
</head>
<body>
<main>
<h1>${escapeHtml(groupName)}</h1>
<p class="lead">A community machine-learning reading group. The slides of every session, newest first.</p>
<ol class="sessions" reversed>
${sorted.map(entry).join('\n')}
</ol>
</main>
${scripts.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>\n`).join('')}</body>
</html>
`
}
