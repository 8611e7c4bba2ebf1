// deck:serve — the dev server, composed from its parts: the files it may serve (dev-fs.ts) and how
// it answers anything that is not a page (dev-documents.ts), its pages (dev-pages.ts), and the
// live updates of open pages when a slide file changes (dev-updates.ts, deciding with hmr.ts).
import type { Plugin } from 'vite'
import { listDecks } from '../compiler/sessions.ts'
import { within, type DeckContext } from './context.ts'
import { createDevDecks } from './dev-decks.ts'
import { contentFilesMiddleware, resourceHeadersMiddleware } from './dev-documents.ts'
import { devServerOptions, fsGuardMiddleware } from './dev-fs.ts'
import { pagesMiddleware } from './dev-pages.ts'
import { watchDecks, type DeckWatch } from './dev-updates.ts'

/** The folders of the decks served, newest first (none when the slides folder is missing). */
function deckDirs(ctx: DeckContext): string[] {
  if (ctx.slidesDir) return [ctx.slidesDir]
  try {
    return listDecks(ctx.slidesRoot!).map((d) => d.dir)
  } catch {
    return []
  }
}

/**
 * `deck:serve`. `state.broken` is shared with deck:html, which sets it when a page request fails
 * to compile: the next good compile reloads that deck's pages.
 */
export function servePlugin(ctx: DeckContext, state: { broken: boolean }): Plugin {
  let watch: DeckWatch | undefined
  return {
    name: 'deck:serve',
    apply: 'serve',
    config: (config) => devServerOptions(ctx, config),
    configureServer(server) {
      const decks = createDevDecks(ctx, server)
      watch?.close()
      watch = watchDecks(ctx, decks, server, state)
      const { logger } = server.config
      // Before Vite's own middlewares, in this order: every answer starts as a sandboxed
      // resource, the path check, the content folders, then the pages (which set their policy).
      server.middlewares.use(resourceHeadersMiddleware())
      server.middlewares.use(fsGuardMiddleware(ctx))
      server.middlewares.use(contentFilesMiddleware(ctx, logger))
      server.middlewares.use(pagesMiddleware(ctx, decks, server, ctx.options.homePage))
      // The decks compile as soon as the server listens (a first page asked for meanwhile waits
      // for one compile), newest first: the page someone opens finds its deck compiled.
      const current = watch
      const prepare = (): void => void decks.prepare(deckDirs(ctx), () => watch !== current)
      if (server.httpServer) server.httpServer.once('listening', prepare)
      else setImmediate(prepare)
    },
    // The watch's timers end with the server (a restart configures a new one).
    closeServer() {
      watch?.close()
      watch = undefined
    },
    // Slide files are not modules: stop Vite's default handling so only our update runs.
    hotUpdate({ file }) {
      const dir = ctx.slidesDir ?? ctx.slidesRoot
      if (dir && within(file, dir) && file.endsWith('.md')) return []
      return undefined
    },
  }
}
