// The deck's Vite plugins, composed: deck:csp (build), deck:html (the page), deck:assets (the files
// slides load) and deck:serve (dev).
// The parts live one per file; this file only wires them to one shared context.
import type { Plugin } from 'vite'
import { createDeckContext, type DeckPluginOptions } from './context.ts'
import { assetsPlugin } from './assets.ts'
import { cspPlugin } from './csp.ts'
import { servePlugin } from './dev-server.ts'
import { htmlPlugin } from './html.ts'

export type { DeckPluginOptions, SessionSummary } from './context.ts'

/** The deck's plugins for `vite.config.ts`, the build CLI and tests. */
export function deckPlugin(options: DeckPluginOptions): Plugin[] {
  const ctx = createDeckContext(options)
  // Set when a page failed to compile: the next good compile reloads the page instead of patching.
  const state = { broken: false }
  return [
    cspPlugin(),
    htmlPlugin(ctx, () => (state.broken = true)),
    assetsPlugin(ctx),
    servePlugin(ctx, state),
  ]
}
