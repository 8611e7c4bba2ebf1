// The dev server's view of its decks, shared by its pages (dev-pages.ts) and its live updates
// (dev-updates.ts): compiles a deck (a compiler bug is logged and becomes that deck's error),
// compiles every deck ahead of its first page, sends a deck's error to that deck's pages only, and
// remembers what each deck's pages show and which of them show an error.
import { basename } from 'node:path'
import type { ViteDevServer } from 'vite'
import { DeckError, printable } from '../compiler/diagnostics.ts'
import type { CompileResult } from '../compiler/index.ts'
import { closeMermaidBrowser, keepMermaidWarm } from '../compiler/mermaid.ts'
import { ERROR_EVENT, type DeckErrorDetails, type DeckErrorUpdate } from '../shared/events.ts'
import type { DeckContext } from './context.ts'
import type { ShownDeck } from './hmr.ts'

/** What Vite's overlay shows of an error: the fields of Vite's `prepareError`, no stack. */
export function overlayDetails(err: unknown): DeckErrorDetails {
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

/** A bug's stack for the terminal, each line escaped (its message may quote a deck's text). */
export const terminalText = (err: unknown): string =>
  String((err as Error)?.stack ?? err)
    .split('\n')
    .map(printable)
    .join('\n')

/** The decks of one dev server. */
export interface DevDecks {
  /** Compiles the deck in `dir`; a compiler bug is logged, sent as its error, and gives undefined. */
  compile(dir: string): Promise<CompileResult | undefined>
  /**
   * Compiles the decks in `dirs` now, one after the other, before any page asks (the first page
   * then finds its deck compiled); stops when `stopped()` says so.
   */
  prepare(dirs: string[], stopped: () => boolean): Promise<void>
  /** Sends a deck's error to that deck's pages (`deck:error`); they reload once it is fixed. */
  sendError(slug: string, err: unknown): void
  /** What each deck's open pages show, by slug: an edit sends them only what changed. */
  readonly shown: Map<string, ShownDeck>
  /** Decks whose open pages show an error (or the error page): fixed, they reload. */
  readonly broken: Set<string>
}

/** How long the browser that draws Mermaid diagrams stays open after a draw, for the next edit. */
export const MERMAID_WARM_MS = 5 * 60_000

export function createDevDecks(ctx: DeckContext, server: ViteDevServer): DevDecks {
  // An edited diagram is drawn in the page already open; the browser closes with the server.
  keepMermaidWarm(MERMAID_WARM_MS)
  server.httpServer?.once('close', () => void closeMermaidBrowser())
  const decks: DevDecks = {
    shown: new Map(),
    broken: new Set(),
    async compile(dir) {
      try {
        return await ctx.compile(dir)
      } catch (err) {
        server.config.logger.error(`${basename(dir)}: ${terminalText(err)}`)
        decks.sendError(basename(dir), err)
        return undefined
      }
    },
    async prepare(dirs, stopped) {
      for (const dir of dirs) {
        // Between compiles, whatever else waits (a request, Vite's own start) goes first.
        await new Promise((next) => setImmediate(next))
        if (stopped()) return
        if (!ctx.lastCompiled(dir)) await decks.compile(dir)
      }
    },
    sendError(slug, err) {
      decks.broken.add(slug)
      const data: DeckErrorUpdate = { slug, err: overlayDetails(err) }
      server.ws.send({ type: 'custom', event: ERROR_EVENT, data })
    },
  }
  return decks
}
