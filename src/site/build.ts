// Building: one deck into a folder, or the whole site (home page + a folder per session), atomically.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { InlineConfig } from 'vite'
import type { CompileResult } from '../compiler/index.ts'
import { compile } from '../compiler/index.ts'
import { ROOT } from './paths.ts'
import { createViteConfig } from './vite-config.ts'
import { listDecks } from '../compiler/sessions.ts'
import { renderHome } from './home.ts'
import { keepPdfs, type KeptPdfs } from './pdfs.ts'
import { assembleDeck } from './shell.ts'
import { writeHomeAssets } from './site-assets.ts'
import { FEED_FILE, renderFeed } from './feed.ts'
import { siteUrl, writePreviews, type Previews } from './preview.ts'
import { printable } from '../compiler/diagnostics.ts'
import { writeSearch } from './search-index.ts'
import { SEARCH_SCRIPT_FILE } from './search-shared.ts'

export { assembleDeck } from './shell.ts'

/**
 * Fills a fresh sibling folder with `fill`, then swaps it in for `out`: a failed build never
 * leaves a half-written folder, and the previous output stays until the new one is complete.
 */
export async function writeAtomically(
  out: string,
  fill: (dir: string) => Promise<void>,
): Promise<void> {
  const name = basename(out)
  const partial = resolve(dirname(out), `.${name}.partial-${process.pid}`)
  const old = resolve(dirname(out), `.${name}.old-${process.pid}`)
  rmSync(partial, { recursive: true, force: true })
  try {
    await fill(partial)
    if (existsSync(out)) renameSync(out, old)
    renameSync(partial, out)
    rmSync(old, { recursive: true, force: true })
  } catch (err) {
    rmSync(partial, { recursive: true, force: true })
    if (!existsSync(out) && existsSync(old)) renameSync(old, out)
    throw err
  }
}

/**
 * Runs Vite for one compiled deck into `outDir` (which it empties), runtime and all: the
 * single-file build (`plugins` rewrites the plugin list to inline everything). The site and the
 * PDF fill the prebuilt shell instead (`assembleDeck`, src/site/shell.ts), the same page.
 */
export async function viteBuildDeck(
  slidesDir: string,
  outDir: string,
  compiled: CompileResult,
  plugins?: (plugins: InlineConfig['plugins']) => InlineConfig['plugins'],
): Promise<void> {
  const config = createViteConfig({ slidesDir, outDir, compiled })
  // Loaded here, not at start-up: `check` and a failed compile never need Vite.
  const { build } = await import('vite')
  await build({
    ...config,
    logLevel: 'warn',
    ...(plugins ? { plugins: plugins(config.plugins) } : {}),
  })
}

export interface SiteDeck {
  slug: string
  dir: string
  result: CompileResult
}

/** Compiles every session in `slidesRoot`, one after the other (nothing is written). */
export async function compileSite(
  slidesRoot = resolve(ROOT, 'slides'),
  compileOne: (dir: string) => Promise<CompileResult> = (dir) => compile(dir, { root: ROOT }),
): Promise<SiteDeck[]> {
  const decks: SiteDeck[] = []
  for (const d of listDecks(slidesRoot)) decks.push({ ...d, result: await compileOne(d.dir) })
  return decks
}

/**
 * Writes the site: `index.html` listing the sessions, `home.css`, the search index and module,
 * and `<slug>/` per session, with its link preview image (preview.ts). The
 * PDFs of the previous build that still match their slides are kept (see src/site/pdfs.ts), so
 * the home page goes on linking them; out-of-date ones are left out, with a note.
 */
export async function buildSite(decks: SiteDeck[], out: string): Promise<KeptPdfs> {
  let pdfs: KeptPdfs = { kept: [], stale: [] }
  let previews: Previews = { taken: [], kept: [] }
  const base = siteUrl()
  await writeAtomically(out, async (dir) => {
    for (const deck of decks) await assembleDeck(resolve(dir, deck.slug), deck.result)
    pdfs = keepPdfs(out, dir, decks)
    await writeSearch(dir, decks)
    writeHome(dir, decks)
    previews = await writePreviews(dir, decks, out, base)
  })
  for (const pdf of pdfs.stale)
    console.log(`note: ${pdf} was printed from older slides and is left out; run \`npm run pdf\``)
  if (previews.failed)
    console.log(
      `note: no link preview images (${printable(previews.failed)}); the pages' cards have none`,
    )
  if (!base)
    console.log(
      'note: SITE_URL is not set: link previews name their page and image by relative URLs, which chat apps do not follow',
    )
  return pdfs
}

/**
 * Writes the home page and the Atom feed into the site folder `dir`, linking each session's PDF if `npm run pdf`
 * has written it (`<slug>/<slug>.pdf`); `npm run pdf` calls this again after writing them.
 */
export function writeHome(dir: string, decks: SiteDeck[]): void {
  const entries = decks.map((d) => ({
    slug: d.slug,
    meta: d.result.deck.meta,
    slideCount: d.result.deck.slides.length,
    hasPdf: existsSync(resolve(dir, d.slug, `${d.slug}.pdf`)),
  }))
  const fonts = writeHomeAssets(dir)
  const search = existsSync(resolve(dir, SEARCH_SCRIPT_FILE))
  writeFileSync(
    resolve(dir, 'index.html'),
    renderHome(entries, {
      // Only the Latin face: the page's text needs it at once, the others only if it uses them.
      fonts: fonts.slice(0, 1),
      search,
      scripts: search ? [`./${SEARCH_SCRIPT_FILE}`] : [],
      feed: `./${FEED_FILE}`,
    }),
  )
  writeFileSync(resolve(dir, FEED_FILE), renderFeed(entries, { base: siteUrl() }))
}
