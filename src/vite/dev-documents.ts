// What the dev server answers besides its pages, so that it serves what a built site serves and
// nothing else as a document. `npm start` runs on a pull request's branch, whose decks are
// untrusted: a deck's own files (its Markdown and data, or an .html, .svg or .js it adds) are
// never served — its page has them compiled in, and the files its slides load come from
// deck-assets/ (assets.ts) — and of the shared assets/ folder only images are. Every answer that
// is not a page (the runtime's modules, styles, fonts, images) is sent so that it never runs as
// one: `nosniff` and a sandbox policy, which a page replaces with its own (dev-pages.ts).
import { isAbsolute, relative, resolve } from 'node:path'
import type { Connect, Logger } from 'vite'
import { ASSET_HEADERS } from './assets.ts'
import type { DeckContext } from './context.ts'
import { plainPage } from './dev-fs.ts'
import { sendPage } from './dev-pages.ts'

/** Images, which assets/ may serve (index.html links its icons there). */
const RE_IMAGE = /\.(?:png|jpe?g|gif|webp|avif|ico|svg)$/i

/** The file a request URL names on disk (`/@fs/<absolute>` or root-relative), if any. */
export function requestedFile(url: string, root: string): string | undefined {
  let path = url.split(/[?#]/)[0]!
  try {
    path = decodeURIComponent(path)
  } catch {
    // Not percent-encoded as a URL should be: taken as written.
  }
  if (path.startsWith('/@fs/')) return resolve(path.slice('/@fs'.length))
  // Vite's own ids (`/@vite/client`, `/@id/…`) and endpoints (`/__open-in-editor`) are no files.
  if (path.startsWith('/@') || path.startsWith('/__')) return undefined
  return resolve(root, `.${path}`)
}

const inside = (file: string, dir: string): boolean => {
  const rel = relative(dir, file)
  return !rel.startsWith('..') && !isAbsolute(rel)
}

/** Starts every answer as a resource that never runs as a page (a page sets its own policy). */
export function resourceHeadersMiddleware(): Connect.NextHandleFunction {
  return (_req, res, next) => {
    for (const [name, value] of Object.entries(ASSET_HEADERS)) res.setHeader(name, value)
    next()
  }
}

/**
 * Answers a request for a file of a deck folder (`slides/`, or the one deck) with a 404, and one
 * of assets/ with a 404 unless it is an image.
 */
export function contentFilesMiddleware(
  ctx: DeckContext,
  logger: Pick<Logger, 'error'>,
): Connect.NextHandleFunction {
  const decks = ctx.slidesDir ?? ctx.slidesRoot
  return (req, res, next) => {
    const file = requestedFile(req.url ?? '/', ctx.root)
    if (file === undefined) return next()
    const deckFile = decks !== undefined && inside(file, decks)
    if (!deckFile && !(inside(file, ctx.assetsDir) && !RE_IMAGE.test(file))) return next()
    const path = (req.url ?? '/').split(/[?#]/)[0]!
    sendPage(res, 404, plainPage(404, 'Not found', `There is no page or file at ${path}.`), logger)
  }
}
