// deck:assets — the files slides load (src/compiler/assets.ts publishes them under deck-assets/):
// written into the build by this plugin (Vite never reads slide HTML), and served by the dev
// server from the deck's last compile, with headers that keep a file from running as a page.
import type { Connect, Plugin } from 'vite'
import { ASSETS_FOLDER } from '../untrusted/index.ts'
import type { DeckContext } from './context.ts'

/** `/<slug>/deck-assets/<file>` or `/deck-assets/<file>`: the deck's URL part and the file name. */
const RE_ASSET = new RegExp(`^(/[^/]+)?/${ASSETS_FOLDER}/([A-Za-z0-9_-]+\\.[a-z0-9]+)$`)

/** A published file is an image or a video, never a document: no sniffing, no script, no frames. */
export const ASSET_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
} as const

export function assetsPlugin(ctx: DeckContext): Plugin {
  /** Dev: answers a published file of the deck the URL names, from the deck's last compile. */
  const serve: Connect.NextHandleFunction = (req, res, next) => {
    const m = RE_ASSET.exec((req.url ?? '').split(/[?#]/)[0]!)
    if (!m) return next()
    const dir = ctx.deckForUrl(m[1] ? `${m[1]}/` : '/')
    const compiled = dir ? (ctx.lastCompiled(dir) ?? ctx.compile(dir)) : undefined
    Promise.resolve(compiled).then((result) => {
      const asset = result?.deck.assets.find((a) => a.fileName === `${ASSETS_FOLDER}/${m[2]}`)
      if (!asset) return next()
      res.statusCode = 200
      res.setHeader('Content-Type', asset.mime)
      for (const [k, v] of Object.entries(ASSET_HEADERS)) res.setHeader(k, v)
      res.end(Buffer.from(asset.bytes))
    }, next)
  }
  return {
    name: 'deck:assets',
    configureServer(server) {
      server.middlewares.use(serve)
    },
    // After the page's compile (deck:html, in Vite's HTML step): its published files join the bundle.
    generateBundle: {
      order: 'post',
      async handler() {
        const dir = ctx.slidesDir
        const result = dir ? (ctx.lastCompiled(dir) ?? (await ctx.compile(dir))) : undefined
        for (const asset of result?.deck.assets ?? [])
          if (asset.fileName)
            this.emitFile({ type: 'asset', fileName: asset.fileName, source: asset.bytes })
      },
    },
  }
}
