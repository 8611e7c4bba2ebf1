// deck:serve — the dev server: the home page and every session's page, and live updates of the open
// deck when a slide file changes (only the changed deck recompiles; the page keeps its slide). It
// serves only the project's own folders (dev-fs.ts), sends the CSP as a header, answers an unknown
// page with a plain 404, and sends a deck's error only to that deck's pages.
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { basename, extname, relative, resolve, sep } from 'node:path'
import type { Connect, Plugin, ViteDevServer } from 'vite'
import { pageTitle, renderSection } from '../compiler/assemble.ts'
import { DeckError, hasErrors, printable } from '../compiler/diagnostics.ts'
import { prerenderMermaid } from '../compiler/mermaid.ts'
import { listDecks, RE_SESSION } from '../compiler/sessions.ts'
import {
  ERROR_EVENT,
  UPDATE_EVENT,
  type DeckErrorDetails,
  type DeckErrorUpdate,
  type DeckUpdate,
} from '../shared/events.ts'
import { deckErrorOf, printWarnings, within, type DeckContext } from './context.ts'
import { cspHeaderMiddleware } from './csp.ts'
import { devServerOptions, fsGuardMiddleware, plainPage } from './dev-fs.ts'

/** What Vite's overlay shows of an error: the fields of Vite's `prepareError`, no stack. */
function overlayDetails(err: unknown): DeckErrorDetails {
  if (err instanceof DeckError)
    return {
      message: err.message,
      stack: '',
      id: err.id,
      frame: err.frame,
      plugin: err.plugin,
      loc: err.loc,
    }
  // Not an authoring mistake (a bug): its message only; the stack goes to the terminal.
  return { message: err instanceof Error ? err.message : String(err), stack: '' }
}

/** A little longer than chokidar's 50 ms throttle of `change` events for one file. */
const CHANGE_THROTTLE_MS = 80

/** A file's modification time, or -1 when it is gone. */
const mtimeOf = (file: string): number => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1

/** A bug's stack for the terminal, each line escaped (its message may quote a deck's text). */
const terminalText = (err: unknown): string =>
  String((err as Error)?.stack ?? err)
    .split('\n')
    .map(printable)
    .join('\n')

/** The overlay script of {@link errorPage}: constant, so the CSP names it by hash. */
const ERROR_PAGE_SCRIPT = `import { ErrorOverlay } from '/@vite/client'
document.body.appendChild(new ErrorOverlay(JSON.parse(document.getElementById('deck-error').textContent)))`

/**
 * The page of a deck that does not compile: Vite's error overlay with the error (file:line and
 * code frame, no stack), and Vite's client, so the page reloads when the deck is fixed.
 */
function errorPage(slug: string, err: DeckErrorDetails): string {
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

type Res = ServerResponse

/** Answers with a whole HTML page. */
function sendHtml(res: Res, status: number, html: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.end(html)
}

/** Whether a request is for a page (what Vite's HTML fallback would answer with index.html). */
function isPageRequest(req: Connect.IncomingMessage, path: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const accept = req.headers.accept
  if (accept && !accept.includes('text/html') && !accept.includes('*/*')) return false
  if (path.startsWith('/@') || path.startsWith('/__') || path === '/favicon.ico') return false
  return path.endsWith('/') || path.endsWith('.html') || extname(path) === ''
}

/**
 * `deck:serve`: watches the slides and assets, recompiles the decks a change touches and sends
 * each its new slides (`deck:update`), or its error (`deck:error`, shown only on that deck's
 * pages) when it no longer compiles. `state.broken` is shared with deck:html, which sets it when
 * a page request fails to compile: the next good compile reloads that deck's pages.
 */
export function servePlugin(ctx: DeckContext, state: { broken: boolean }): Plugin {
  const { slidesDir, slidesRoot, assetsDir, root } = ctx
  let server: ViteDevServer | undefined
  /** Decks whose open pages show an error (or Vite's error page): fixed, they reload. */
  const broken = new Set<string>()
  /** Each deck's slides as its open pages have them (the `<section>` HTML of each). */
  const shown = new Map<string, string[]>()

  /** The decks a changed file belongs to: its session, or every deck for shared slides and assets. */
  const decksOf = (file: string): string[] => {
    if (slidesDir) return [slidesDir]
    const session =
      slidesRoot && within(file, slidesRoot) ? relative(slidesRoot, file).split(sep)[0]! : ''
    return RE_SESSION.test(session)
      ? [resolve(slidesRoot!, session)]
      : listDecks(slidesRoot!).map((d) => d.dir)
  }

  /** The page path of a deck, as Vite's client compares it for a scoped `full-reload`. */
  const pagePath = (slug: string): string => (slidesDir ? '/index.html' : `/${slug}/index.html`)

  /** Compiles a deck; a compiler bug (a throw, not a diagnostic) is logged and sent as its error. */
  const compileOrReport = (dir: string): ReturnType<DeckContext['compile']> | undefined => {
    try {
      return ctx.compile(dir)
    } catch (err) {
      server?.config.logger.error(`${basename(dir)}: ${terminalText(err)}`)
      sendError(basename(dir), err)
      return undefined
    }
  }

  const sendError = (slug: string, err: unknown): void => {
    broken.add(slug)
    const data: DeckErrorUpdate = { slug, err: overlayDetails(err) }
    server?.ws.send({ type: 'custom', event: ERROR_EVENT, data })
  }

  const onChange = async (file: string): Promise<void> => {
    if (!server) return
    if (![slidesDir, slidesRoot, assetsDir].some((d) => d && within(file, d))) return
    const someBroken = state.broken
    state.broken = false
    for (const dir of decksOf(file)) {
      const slug = basename(dir)
      // An edited Mermaid block is drawn (async, in Chromium) before the sync compile reads it.
      await prerenderMermaid([dir], root)
      const result = compileOrReport(dir)
      if (!result) continue
      printWarnings(result)
      if (hasErrors(result.diagnostics)) {
        const err = deckErrorOf(result.diagnostics)
        server.config.logger.error(err.message, { timestamp: true })
        sendError(slug, err)
        continue
      }
      if (broken.delete(slug) || someBroken) {
        // The page may be the error page rather than the deck: reload that deck's pages only
        // (the hash keeps the slide).
        server.ws.send({ type: 'full-reload', path: pagePath(slug) })
        continue
      }
      // Only the slides that changed since the pages got theirs, when none moved (a 300-slide
      // deck is megabytes of HTML; one slide is kilobytes).
      const sections = result.deck.slides.map(renderSection)
      const before = shown.get(slug)
      shown.set(slug, sections)
      const update: DeckUpdate = {
        slug,
        title: pageTitle(result.deck),
        ...(before?.length === sections.length
          ? {
              changed: sections.flatMap((html, i) =>
                html === before[i] ? [] : [{ index: i, html }],
              ),
            }
          : { slides: sections.join('\n') }),
      }
      server.ws.send({ type: 'custom', event: UPDATE_EVENT, data: update })
    }
  }

  /** Sends a page through Vite's HTML pipeline (which runs deck:html); an error is its page. */
  const sendPage = (url: string, slug: string, html: string, res: Res): void => {
    server!
      .transformIndexHtml(url, html)
      .then((out) => {
        // What the page got (the compile is cached): later edits send only what changes.
        const dir = slidesDir ?? resolve(slidesRoot!, slug)
        const result = compileOrReport(dir)
        if (result && !hasErrors(result.diagnostics))
          shown.set(slug, result.deck.slides.map(renderSection))
        sendHtml(res, 200, out)
      })
      .catch((err: unknown) => {
        // Vite's own error handler would push the overlay onto every open tab: answer here.
        server!.config.logger.error(err instanceof DeckError ? err.message : terminalText(err), {
          timestamp: true,
        })
        sendError(slug, err)
        sendHtml(res, 500, errorPage(slug, overlayDetails(err)))
      })
  }

  /** The site's home page: every session, newest first. */
  const sendHome = (res: Res): void => {
    const renderHome = ctx.options.renderHome!
    const entries = listDecks(slidesRoot!).flatMap((d) => {
      const result = compileOrReport(d.dir)
      if (!result) return []
      return [
        {
          slug: d.slug,
          meta: result.deck.meta,
          slideCount: result.deck.slides.length,
          hasPdf: false,
        },
      ]
    })
    const html = renderHome(entries)
      .replace('href="./home.css"', 'href="/src/site/home.css"')
      .replace('</body>', '<script type="module" src="/src/site/home-live.ts"></script>\n</body>')
    server!
      .transformIndexHtml('/', html)
      .then((out) => sendHtml(res, 200, out))
      .catch((err: unknown) =>
        sendHtml(res, 500, plainPage(500, 'Error', overlayDetails(err).message)),
      )
  }

  /**
   * Pages: `/` (the home page, or the one deck), `/<slug>/` (a session), and a plain 404 for any
   * other page URL — never Vite's index.html fallback, which would try to compile a deck for it.
   */
  const pagesMiddleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? '/'
    const path = url.split(/[?#]/)[0]!
    if (!server || !isPageRequest(req, path)) return next()
    const template = (): string => readFileSync(resolve(root, 'index.html'), 'utf8')
    const home = path === '/' || path === '/index.html'
    if (slidesDir) {
      if (home) return sendPage(url, basename(slidesDir), template(), res)
    } else if (home && ctx.options.renderHome) {
      return sendHome(res)
    } else {
      const slug = /^\/([^/]+)\/(?:index\.html)?$/.exec(path)?.[1]
      const decks = listDecks(slidesRoot!).map((d) => d.slug)
      if (slug && decks.includes(slug)) return sendPage(url, slug, template(), res)
      const bare = /^\/([^/]+)$/.exec(path)?.[1]
      if (bare && decks.includes(bare)) {
        res.statusCode = 301
        res.setHeader('Location', `/${bare}/${url.slice(path.length)}`)
        return res.end()
      }
    }
    // A real file without an extension (rare) is still Vite's to serve.
    if (existsSync(resolve(root, `.${path}`)) && !path.endsWith('/')) return next()
    sendHtml(res, 404, plainPage(404, 'Not found', `There is no page at ${path}.`))
  }

  return {
    name: 'deck:serve',
    apply: 'serve',
    config: (config) => devServerOptions(ctx, config),
    configureServer(s) {
      server = s
      s.watcher.add([slidesDir ?? slidesRoot!, assetsDir])
      const changed = (file: string): void => {
        // chokidar drops a second change of a file within 50 ms of the first (its throttle):
        // once this one is handled, look again after that window, so a quick save is not lost.
        const seen = mtimeOf(file)
        void onChange(file).finally(() =>
          setTimeout(() => {
            if (mtimeOf(file) !== seen) changed(file)
          }, CHANGE_THROTTLE_MS),
        )
      }
      s.watcher.on('change', changed)
      s.watcher.on('add', changed)
      s.watcher.on('unlink', changed)
      // Before Vite's own middlewares: the file check first, then the header, then the pages.
      s.middlewares.use(fsGuardMiddleware(ctx))
      s.middlewares.use(cspHeaderMiddleware(s.config.logger))
      s.middlewares.use(pagesMiddleware)
    },
    // Slide files are not modules: stop Vite's default handling so only our update runs.
    hotUpdate({ file }) {
      const dir = slidesDir ?? slidesRoot
      if (dir && within(file, dir) && file.endsWith('.md')) return []
      return undefined
    },
  }
}
