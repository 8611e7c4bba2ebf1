// Live updates of the dev server: watches the slides and the assets, compiles again the decks a
// changed file belongs to, and sends each deck's open pages what changed (hmr.ts decides): the
// slides that changed (`deck:update`), a reload, or the deck's error (`deck:error`, shown only on
// that deck's pages). Everything it schedules ends with the server (`close()`).
import { statSync } from 'node:fs'
import { basename, relative, resolve, sep } from 'node:path'
import type { ViteDevServer } from 'vite'
import { pageTitle } from '../compiler/assemble.ts'
import { hasErrors } from '../compiler/diagnostics.ts'
import { listDecks, RE_SESSION } from '../compiler/sessions.ts'
import { UPDATE_EVENT, type DeckUpdate } from '../shared/events.ts'
import { deckErrorOf, printWarnings, within, type DeckContext } from './context.ts'
import { terminalText, type DevDecks } from './dev-decks.ts'
import { diffDeck, shownDeck } from './hmr.ts'

/** A little longer than chokidar's 50 ms throttle of `change` events for one file. */
const CHANGE_THROTTLE_MS = 80

/** A file's modification time, or -1 when it is gone. */
const mtimeOf = (file: string): number => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1

/** The running watch; `close()` stops it and cancels what it scheduled. */
export interface DeckWatch {
  close(): void
}

/**
 * Watches the decks' files for `server`. `state.broken` is shared with deck:html, which sets it
 * when a page failed to compile in Vite's HTML step: the next good compile reloads the pages.
 */
export function watchDecks(
  ctx: DeckContext,
  decks: DevDecks,
  server: ViteDevServer,
  state: { broken: boolean },
): DeckWatch {
  const { slidesDir, slidesRoot, assetsDir } = ctx
  const { logger } = server.config
  let closed = false
  const timers = new Set<ReturnType<typeof setTimeout>>()

  /** Runs `run` after `ms`, unless the watch has closed by then. */
  const later = (run: () => void, ms: number): void => {
    if (closed) return
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closed) run()
    }, ms)
    timers.add(timer)
  }

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
  const reload = (slug: string): void =>
    server.ws.send({ type: 'full-reload', path: pagePath(slug) })

  const update = async (file: string): Promise<void> => {
    if (![slidesDir, slidesRoot, assetsDir].some((d) => d && within(file, d))) return
    const someBroken = state.broken
    state.broken = false
    for (const dir of decksOf(file)) {
      const slug = basename(dir)
      const result = await decks.compile(dir)
      if (closed) return
      if (!result) continue
      printWarnings(result)
      if (hasErrors(result.diagnostics)) {
        const err = deckErrorOf(result.diagnostics)
        logger.error(err.message, { timestamp: true })
        decks.sendError(slug, err)
        continue
      }
      const shown = shownDeck(result.deck)
      const before = decks.shown.get(slug)
      decks.shown.set(slug, shown)
      // The page may be the error page rather than the deck: reload that deck's pages only (the
      // URL keeps the slide).
      if (decks.broken.delete(slug) || someBroken) {
        reload(slug)
        continue
      }
      const change = diffDeck(before, shown)
      if (change.type === 'none') continue
      if (change.type === 'reload') {
        reload(slug)
        continue
      }
      const data: DeckUpdate = {
        slug,
        title: pageTitle(result.deck),
        ...(change.type === 'changed'
          ? { changed: change.changed }
          : { slides: change.slides.join('\n') }),
      }
      server.ws.send({ type: 'custom', event: UPDATE_EVENT, data })
    }
  }

  const changed = (file: string): void => {
    if (closed) return
    // chokidar drops a second change of a file within 50 ms of the first (its throttle): once
    // this one is handled, look again after that window, so a quick save is not lost.
    const seen = mtimeOf(file)
    void update(file)
      .catch((err: unknown) => logger.error(terminalText(err), { timestamp: true }))
      .finally(() =>
        later(() => {
          if (mtimeOf(file) !== seen) changed(file)
        }, CHANGE_THROTTLE_MS),
      )
  }

  const { watcher } = server
  watcher.add([slidesDir ?? slidesRoot!, assetsDir])
  const events = ['change', 'add', 'unlink'] as const
  for (const event of events) watcher.on(event, changed)
  return {
    close() {
      closed = true
      for (const event of events) watcher.off(event, changed)
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
