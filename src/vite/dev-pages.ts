// The dev server's pages: `/` (the home page the site supplies, or the one deck), `/<slug>/` (a
// session; `/<slug>` redirects there), and a plain 404 for any other page URL — never Vite's
// index.html fallback, which would compile a deck for it, nor a file of the project as a page. A
// deck that does not compile gets the error page (Vite's overlay; it reloads once fixed). Every
// page is sent with the built site's Content-Security-Policy, the hashes of its own scripts
// included; script in a page's slides is removed and printed as an error, as the build reports it.
import { readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { basename, extname, resolve } from 'node:path'
import type { Connect, Logger, ViteDevServer } from 'vite'
import { DeckError, formatForTerminal, hasErrors } from '../compiler/diagnostics.ts'
import { listDecks } from '../compiler/sessions.ts'
import type { DeckErrorDetails } from '../shared/events.ts'
import type { DeckContext, SessionSummary } from './context.ts'
import { contentSecurityPolicy, inlineScripts, removeSlideScripts } from './csp.ts'
import { overlayDetails, terminalText, type DevDecks } from './dev-decks.ts'
import { plainPage } from './dev-fs.ts'
import { shownDeck } from './hmr.ts'

/** The overlay script of {@link errorPage}: constant, so the CSP names it by hash. */
const ERROR_PAGE_SCRIPT = `import { ErrorOverlay } from '/@vite/client'
document.body.appendChild(new ErrorOverlay(JSON.parse(document.getElementById('deck-error').textContent)))`

/**
 * The page of a deck that does not compile: Vite's error overlay with the error (file:line and
 * code frame, no stack), and Vite's client, so the page reloads when the deck is fixed.
 */
export function errorPage(slug: string, err: DeckErrorDetails): string {
  const json = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Error</title>
<script type="module" src="/@vite/client"></script>
<script type="application/json" id="deck-meta">${json({ slug })}</script>
<script type="application/json" id="deck-error">${json(err)}</script>
<script type="module">${ERROR_PAGE_SCRIPT}</script>
</head>
<body></body>
</html>
`
}

/**
 * Sends a whole page with the build's Content-Security-Policy (its own inline scripts by hash).
 * Script in its slide region is removed first and printed as an error, so it is never hashed.
 */
export function sendPage(
  res: ServerResponse,
  status: number,
  html: string,
  logger: Pick<Logger, 'error'>,
): void {
  const scan = removeSlideScripts(html, 'page')
  for (const d of scan.diagnostics) logger.error(formatForTerminal(d))
  res.statusCode = status
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(inlineScripts(scan.html)))
  res.end(scan.html)
}

/**
 * Whether a request is for a page: a GET or HEAD of `/…/`, `….html` or a path without an
 * extension, other than Vite's own (`/@vite/client`, `/__open-in-editor`).
 */
export function isPageRequest(req: Connect.IncomingMessage, path: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  if (path.startsWith('/@') || path.startsWith('/__') || path === '/favicon.ico') return false
  return path.endsWith('/') || path.endsWith('.html') || extname(path) === ''
}

/** The dev server's pages; `homePage` renders `/` when the server shows every session. */
export function pagesMiddleware(
  ctx: DeckContext,
  decks: DevDecks,
  server: ViteDevServer,
  homePage: ((sessions: SessionSummary[]) => string) | undefined,
): Connect.NextHandleFunction {
  const { slidesDir, slidesRoot, root } = ctx
  const { logger } = server.config
  const send = (res: ServerResponse, status: number, html: string): void =>
    sendPage(res, status, html, logger)
  const notFound = (res: ServerResponse, path: string): void =>
    send(res, 404, plainPage(404, 'Not found', `There is no page at ${path}.`))

  /** A deck's page, through Vite's HTML step (which runs deck:html); an error is its page. */
  const sendDeck = (url: string, slug: string, res: ServerResponse): void => {
    const template = readFileSync(resolve(root, 'index.html'), 'utf8')
    server
      .transformIndexHtml(url, template)
      .then((html) => {
        // What the page got: later edits send only what changes.
        const result = ctx.lastCompiled(slidesDir ?? resolve(slidesRoot!, slug))
        if (result && !hasErrors(result.diagnostics)) decks.shown.set(slug, shownDeck(result.deck))
        send(res, 200, html)
      })
      .catch((err: unknown) => {
        // Vite's own error handler would push the overlay onto every open tab: answer here.
        logger.error(err instanceof DeckError ? err.message : terminalText(err), {
          timestamp: true,
        })
        decks.sendError(slug, err)
        send(res, 500, errorPage(slug, overlayDetails(err)))
      })
  }

  /** The site's home page: every session, as the site layer renders it. */
  const sendHome = async (
    res: ServerResponse,
    render: (sessions: SessionSummary[]) => string,
  ): Promise<void> => {
    try {
      const sessions: SessionSummary[] = []
      for (const d of listDecks(slidesRoot!)) {
        const result = await decks.compile(d.dir)
        if (!result) continue
        const { meta, slides } = result.deck
        sessions.push({ slug: d.slug, meta, slideCount: slides.length, hasPdf: false })
      }
      send(res, 200, await server.transformIndexHtml('/', render(sessions)))
    } catch (err) {
      send(res, 500, plainPage(500, 'Error', overlayDetails(err).message))
    }
  }

  return (req, res, next) => {
    const url = req.url ?? '/'
    const path = url.split(/[?#]/)[0]!
    if (!isPageRequest(req, path)) return next()
    const home = path === '/' || path === '/index.html'
    if (slidesDir) {
      if (home) return sendDeck(url, basename(slidesDir), res)
    } else if (home && homePage) {
      return void sendHome(res, homePage)
    } else {
      const slug = /^\/([^/]+)\/(?:index\.html)?$/.exec(path)?.[1]
      const slugs = listDecks(slidesRoot!).map((d) => d.slug)
      if (slug && slugs.includes(slug)) return sendDeck(url, slug, res)
      const bare = /^\/([^/]+)$/.exec(path)?.[1]
      if (bare && slugs.includes(bare)) {
        res.statusCode = 301
        res.setHeader('Location', `/${bare}/${url.slice(path.length)}`)
        return res.end()
      }
    }
    notFound(res, path)
  }
}
