// The Vite plugin: puts the compiled deck into index.html and live-updates it in dev.
import { resolve, sep } from 'node:path'
import type { Plugin, ViteDevServer } from 'vite'
import { pageTitle, renderSlides } from '../compiler/assemble.ts'
import { DeckError, formatDiagnostic, hasErrors } from '../compiler/diagnostics.ts'
import { escapeHtml } from '../compiler/html.ts'
import { compileDeck, type CompileResult, type CompiledDeck } from '../compiler/index.ts'

export interface DeckPluginOptions {
  /** The deck folder. */
  slidesDir: string
  /** Project root (Vite root). @defaultValue cwd */
  root?: string
  /** A compile result the caller already has (the CLI checks before building), used once. */
  compiled?: CompileResult
}

/** Custom HMR event carrying the new slides; the runtime swaps them in and keeps the current slide. */
export const UPDATE_EVENT = 'deck:update'

export interface DeckUpdate {
  slides: string
  title: string
}

/** Fills the placeholders of index.html with the deck. */
export function injectDeck(html: string, deck: CompiledDeck): string {
  const meta = deck.meta
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

export function deckPlugin(options: DeckPluginOptions): Plugin[] {
  const root = resolve(options.root ?? process.cwd())
  const slidesDir = resolve(root, options.slidesDir)
  const assetsDir = resolve(root, 'assets')
  let precompiled = options.compiled
  const compile = (): CompileResult => {
    const result = precompiled ?? compileDeck(slidesDir, { root })
    precompiled = undefined
    return result
  }
  let server: ViteDevServer | undefined
  let broken = false

  const onChange = (file: string): void => {
    if (!server || !(file.startsWith(slidesDir + sep) || file.startsWith(assetsDir + sep))) return
    const result = compile()
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
    if (broken) {
      // The page may be Vite's error page rather than the deck: reload it (the hash keeps the slide).
      broken = false
      server.ws.send({ type: 'full-reload' })
      return
    }
    const update: DeckUpdate = { slides: renderSlides(result.deck), title: pageTitle(result.deck) }
    server.ws.send({ type: 'custom', event: UPDATE_EVENT, data: update })
  }

  return [
    {
      name: 'deck:html',
      transformIndexHtml: {
        order: 'pre',
        handler(html) {
          const result = compile()
          printWarnings(result)
          if (hasErrors(result.diagnostics)) {
            broken = true
            throw errorOf(result)
          }
          broken = false
          return injectDeck(html, result.deck)
        },
      },
    },
    {
      name: 'deck:hmr',
      apply: 'serve',
      configureServer(s) {
        server = s
        s.watcher.add([slidesDir, assetsDir])
        s.watcher.on('change', onChange)
        s.watcher.on('add', onChange)
        s.watcher.on('unlink', onChange)
      },
      // Slide files are not modules: stop Vite's default handling so only our update runs.
      hotUpdate({ file }) {
        if (file.startsWith(slidesDir + sep) && file.endsWith('.md')) return []
        return undefined
      },
    },
  ]
}
