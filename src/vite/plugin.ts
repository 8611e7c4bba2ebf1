// The Vite plugin: puts a compiled deck into index.html, serves the home page and every session in
// dev, and live-updates the open deck when a slide file changes.
import { readFileSync } from 'node:fs'
import { basename, relative, resolve, sep } from 'node:path'
import type { Connect, Plugin, ViteDevServer } from 'vite'
import { pageTitle, renderSlides } from '../compiler/assemble.ts'
import { DeckError, formatDiagnostic, hasErrors } from '../compiler/diagnostics.ts'
import { UPDATE_EVENT, type DeckUpdate } from '../shared/events.ts'
import { escapeHtml } from '../shared/html.ts'
import type { CompileResult, CompiledDeck } from '../compiler/index.ts'
import { createIncrementalCompiler, type IncrementalCompiler } from '../compiler/incremental.ts'
import { addCsp } from './csp.ts'
import { listDecks, RE_SESSION } from '../compiler/sessions.ts'

export interface DeckPluginOptions {
  /** One deck, served at `/` and built into the output folder's root. */
  slidesDir?: string
  /** Dev only: every session folder in here, served at `/<slug>/`, with the home page at `/`. */
  slidesRoot?: string
  /** Project root (Vite root). @defaultValue cwd */
  root?: string
  /** A compile result the caller already has (the CLI checks before building), used once. */
  compiled?: CompileResult
  /** Dev, with `slidesRoot`: renders the home page at `/` (the site layer passes its renderer). */
  renderHome?: (sessions: SessionSummary[]) => string
}

/** What the home page shows of one session. */
export interface SessionSummary {
  slug: string
  meta: CompiledDeck['meta']
  slideCount: number
  /** Whether `<slug>/<slug>.pdf` exists in the site. */
  hasPdf: boolean
}

/** Fills the placeholders of index.html with the deck. */
export function injectDeck(html: string, deck: CompiledDeck): string {
  const meta = { ...deck.meta, slug: basename(deck.dir) }
  const head = [
    meta.paper?.citation
      ? `<meta name="description" content="${escapeHtml(meta.paper.citation)}" />`
      : '',
    // Not executed (so no CSP exception): the runtime reads it for the footer and speaker view.
    `<script type="application/json" id="deck-meta">${JSON.stringify(meta).replace(/</g, '\\u003c')}</script>`,
  ].join('\n    ')
  return html
    .replace(/<html lang="[^"]*">/, `<html lang="${escapeHtml(meta.lang ?? 'en')}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${pageTitle(deck)}</title>`)
    .replace('<!--deck:head-->', head)
    .replace('<!--deck:slides-->', renderSlides(deck))
}

function errorOf(result: CompileResult): DeckError {
  const first = result.diagnostics.find((d) => d.severity === 'error')!
  return new DeckError(result.diagnostics, resolve(first.file))
}

function printWarnings(result: CompileResult): void {
  for (const d of result.diagnostics)
    if (d.severity === 'warning') console.warn(formatDiagnostic(d))
}

const within = (file: string, dir: string): boolean => file.startsWith(dir + sep)

export function deckPlugin(options: DeckPluginOptions): Plugin[] {
  const root = resolve(options.root ?? process.cwd())
  const slidesDir = options.slidesDir ? resolve(root, options.slidesDir) : undefined
  const slidesRoot = options.slidesRoot ? resolve(root, options.slidesRoot) : undefined
  const assetsDir = resolve(root, 'assets')
  let precompiled = options.compiled
  // One incremental compiler per deck: after an edit only the changed file is rendered again.
  const compilers = new Map<string, IncrementalCompiler>()
  const compile = (dir: string): CompileResult => {
    if (precompiled) {
      const result = precompiled
      precompiled = undefined
      return result
    }
    let compiler = compilers.get(dir)
    if (!compiler) compilers.set(dir, (compiler = createIncrementalCompiler(dir, { root })))
    return compiler.compile()
  }
  /** The deck a page URL shows: the single deck, or `/<slug>/…` of the site. */
  const deckForUrl = (url: string | undefined): string | undefined => {
    if (slidesDir) return slidesDir
    const slug = (url ?? '').split(/[?#]/)[0]!.split('/')[1] ?? ''
    return slidesRoot && RE_SESSION.test(slug) ? resolve(slidesRoot, slug) : undefined
  }
  let server: ViteDevServer | undefined
  let broken = false

  const onChange = (file: string): void => {
    if (!server) return
    const watched = [slidesDir, slidesRoot, assetsDir].some((d) => d && within(file, d))
    if (!watched) return
    // A change in one session's folder recompiles that deck; shared slides or assets, every deck.
    const session =
      slidesRoot && within(file, slidesRoot) ? relative(slidesRoot, file).split(sep)[0]! : ''
    const decks = slidesDir
      ? [slidesDir]
      : RE_SESSION.test(session)
        ? [resolve(slidesRoot!, session)]
        : listDecks(slidesRoot!).map((d) => d.dir)
    for (const dir of decks) {
      const result = compile(dir)
      printWarnings(result)
      if (hasErrors(result.diagnostics)) {
        broken = true
        const err = errorOf(result)
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
      if (!broken) server.ws.send({ type: 'custom', event: UPDATE_EVENT, data: update })
    }
    if (broken) {
      // The page may be Vite's error page rather than the deck: reload it (the hash keeps the slide).
      broken = false
      server.ws.send({ type: 'full-reload' })
    }
  }

  /** Dev: `/` is the home page when serving the whole site. */
  const homeMiddleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split(/[?#]/)[0]
    if (!server || !slidesRoot || !options.renderHome || (path !== '/' && path !== '/index.html'))
      return next()
    const entries = listDecks(slidesRoot).map((d) => {
      const result = compile(d.dir)
      return {
        slug: d.slug,
        meta: result.deck.meta,
        slideCount: result.deck.slides.length,
        hasPdf: false,
      }
    })
    const html = options
      .renderHome(entries)
      .replace('href="./home.css"', 'href="/src/site/home.css"')
      .replace('</body>', '<script type="module" src="/src/site/home-live.ts"></script>\n</body>')
    server
      .transformIndexHtml('/', html)
      .then((out) => {
        res.setHeader('Content-Type', 'text/html')
        res.end(out)
      })
      .catch(next)
  }

  /** Dev: `/<slug>/` is that session's deck, from the same index.html template. */
  const deckMiddleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? ''
    const path = url.split(/[?#]/)[0]!
    if (!server || !slidesRoot || !/^\/[^/]+\/(index\.html)?$/.test(path) || !deckForUrl(path))
      return next()
    const template = readFileSync(resolve(root, 'index.html'), 'utf8')
    server
      .transformIndexHtml(url, template)
      .then((out) => {
        res.setHeader('Content-Type', 'text/html')
        res.end(out)
      })
      .catch(next)
  }

  return [
    {
      name: 'deck:csp',
      apply: 'build',
      enforce: 'post',
      // After every other plugin (a single-file build inlines its scripts in generateBundle), so
      // the policy can name the exact inline scripts by hash.
      generateBundle: {
        order: 'post',
        handler(_options, bundle) {
          for (const asset of Object.values(bundle)) {
            if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue
            asset.source = addCsp(String(asset.source))
          }
        },
      },
    },
    {
      name: 'deck:html',
      transformIndexHtml: {
        order: 'pre',
        handler(html, ctx) {
          if (!html.includes('<!--deck:slides-->')) return html
          const dir = deckForUrl(ctx.originalUrl ?? ctx.path)
          if (!dir) throw new Error(`no deck for ${ctx.originalUrl ?? ctx.path}`)
          const result = compile(dir)
          printWarnings(result)
          if (hasErrors(result.diagnostics)) {
            broken = true
            throw errorOf(result)
          }
          return injectDeck(html, result.deck)
        },
      },
    },
    {
      name: 'deck:serve',
      apply: 'serve',
      configureServer(s) {
        server = s
        s.watcher.add([slidesDir ?? slidesRoot!, assetsDir])
        s.watcher.on('change', onChange)
        s.watcher.on('add', onChange)
        s.watcher.on('unlink', onChange)
        s.middlewares.use(homeMiddleware)
        s.middlewares.use(deckMiddleware)
      },
      // Slide files are not modules: stop Vite's default handling so only our update runs.
      hotUpdate({ file }) {
        const dir = slidesDir ?? slidesRoot
        if (dir && within(file, dir) && file.endsWith('.md')) return []
        return undefined
      },
    },
  ]
}
