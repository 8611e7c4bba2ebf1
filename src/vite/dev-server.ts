// deck:serve — the dev server: the home page and every session's page, and live updates of the open
// deck when a slide file changes (only the changed deck recompiles; the page keeps its slide).
import { readFileSync } from 'node:fs'
import { basename, relative, resolve, sep } from 'node:path'
import type { Connect, Plugin, ViteDevServer } from 'vite'
import { pageTitle, renderSlides } from '../compiler/assemble.ts'
import { hasErrors } from '../compiler/diagnostics.ts'
import { prerenderMermaid } from '../compiler/mermaid.ts'
import { listDecks, RE_SESSION } from '../compiler/sessions.ts'
import { UPDATE_EVENT, type DeckUpdate } from '../shared/events.ts'
import { deckErrorOf, printWarnings, within, type DeckContext } from './context.ts'

/** Sends an HTML page through Vite's HTML pipeline (which runs deck:html) and answers with it. */
function sendPage(
  server: ViteDevServer,
  url: string,
  html: string,
  res: Parameters<Connect.NextHandleFunction>[1],
  next: Parameters<Connect.NextHandleFunction>[2],
): void {
  server
    .transformIndexHtml(url, html)
    .then((out) => {
      res.setHeader('Content-Type', 'text/html')
      res.end(out)
    })
    .catch(next)
}

/**
 * `deck:serve`: watches the slides and assets, recompiles the decks a change touches and sends
 * each its new slides (`deck:update`), or Vite's error overlay when it no longer compiles.
 * `state.broken` is shared with deck:html, which sets it when a page request fails to compile.
 */
export function servePlugin(ctx: DeckContext, state: { broken: boolean }): Plugin {
  const { slidesDir, slidesRoot, assetsDir, root } = ctx
  let server: ViteDevServer | undefined

  /** The decks a changed file belongs to: its session, or every deck for shared slides and assets. */
  const decksOf = (file: string): string[] => {
    if (slidesDir) return [slidesDir]
    const session =
      slidesRoot && within(file, slidesRoot) ? relative(slidesRoot, file).split(sep)[0]! : ''
    return RE_SESSION.test(session)
      ? [resolve(slidesRoot!, session)]
      : listDecks(slidesRoot!).map((d) => d.dir)
  }

  const onChange = async (file: string): Promise<void> => {
    if (!server) return
    if (![slidesDir, slidesRoot, assetsDir].some((d) => d && within(file, d))) return
    for (const dir of decksOf(file)) {
      // An edited Mermaid block is drawn (async, in Chromium) before the sync compile reads it.
      await prerenderMermaid([dir], root)
      const result = ctx.compile(dir)
      printWarnings(result)
      if (hasErrors(result.diagnostics)) {
        state.broken = true
        const err = deckErrorOf(result.diagnostics)
        server.config.logger.error(err.message, { timestamp: true })
        server.ws.send({
          type: 'error',
          err: {
            message: err.message,
            stack: '',
            id: err.id,
            frame: err.frame,
            plugin: err.plugin,
            loc: err.loc,
          },
        })
        return
      }
      const update: DeckUpdate = {
        slug: basename(dir),
        slides: renderSlides(result.deck),
        title: pageTitle(result.deck),
      }
      if (!state.broken) server.ws.send({ type: 'custom', event: UPDATE_EVENT, data: update })
    }
    if (state.broken) {
      // The page may be Vite's error page rather than the deck: reload it (the hash keeps the slide).
      state.broken = false
      server.ws.send({ type: 'full-reload' })
    }
  }

  /** `/` is the home page when serving the whole site. */
  const homeMiddleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split(/[?#]/)[0]
    const renderHome = ctx.options.renderHome
    if (!server || !slidesRoot || !renderHome || (path !== '/' && path !== '/index.html'))
      return next()
    const entries = listDecks(slidesRoot).map((d) => {
      const result = ctx.compile(d.dir)
      return {
        slug: d.slug,
        meta: result.deck.meta,
        slideCount: result.deck.slides.length,
        hasPdf: false,
      }
    })
    const html = renderHome(entries)
      .replace('href="./home.css"', 'href="/src/site/home.css"')
      .replace('</body>', '<script type="module" src="/src/site/home-live.ts"></script>\n</body>')
    sendPage(server, '/', html, res, next)
  }

  /** `/<slug>/` is that session's deck, from the same index.html template. */
  const deckMiddleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? ''
    const path = url.split(/[?#]/)[0]!
    if (!server || !slidesRoot || !/^\/[^/]+\/(index\.html)?$/.test(path) || !ctx.deckForUrl(path))
      return next()
    sendPage(server, url, readFileSync(resolve(root, 'index.html'), 'utf8'), res, next)
  }

  return {
    name: 'deck:serve',
    apply: 'serve',
    configureServer(s) {
      server = s
      s.watcher.add([slidesDir ?? slidesRoot!, assetsDir])
      const changed = (file: string): void => void onChange(file)
      s.watcher.on('change', changed)
      s.watcher.on('add', changed)
      s.watcher.on('unlink', changed)
      s.middlewares.use(homeMiddleware)
      s.middlewares.use(deckMiddleware)
    },
    // Slide files are not modules: stop Vite's default handling so only our update runs.
    hotUpdate({ file }) {
      const dir = slidesDir ?? slidesRoot
      if (dir && within(file, dir) && file.endsWith('.md')) return []
      return undefined
    },
  }
}
