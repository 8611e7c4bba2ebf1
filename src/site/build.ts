// Building: one deck into a folder, or the whole site (home page + a folder per session), atomically.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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
import { searchDocs, writeSearch } from './search-index.ts'
import { SEARCH_SCRIPT_FILE, type SearchDoc } from './search-shared.ts'
import {
  lookupSession,
  outputFiles,
  outputMatches,
  recordCompile,
  storeSession,
  type RecordedCompile,
} from './session-cache.ts'
import { hasErrors } from '../compiler/diagnostics.ts'

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
  /** Its slides' search documents, when known already (the session cache keeps them). */
  search?: SearchDoc[]
  /**
   * The session's folder of the previous build is reused as it is: the session cache matched
   * the files as they are now, and the folder is the one that build wrote. `result` is then the
   * cached one, whose assets have no bytes.
   */
  reused?: boolean
  /** A compile whose inputs were recorded: the build stores it in the session cache. */
  recorded?: RecordedCompile
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
 * Every session's compile, from the session cache where it matches the files as they are now
 * (nothing is written): what the home page needs after `npm run pdf`.
 */
export async function compileSiteCached(
  slidesRoot = resolve(ROOT, 'slides'),
  compileOne: (dir: string) => Promise<CompileResult> = (dir) => compile(dir, { root: ROOT }),
): Promise<SiteDeck[]> {
  const decks: SiteDeck[] = []
  for (const d of listDecks(slidesRoot))
    decks.push({ ...d, result: lookupSession(d.dir)?.result ?? (await compileOne(d.dir)) })
  return decks
}

/**
 * The site's sessions for a build into `out`: each from the session cache when it matches and
 * `out` still holds the folder the previous build wrote for it (`reused`), else compiled with its
 * inputs recorded (session-cache.ts).
 */
export async function compileSiteReusing(
  out: string,
  compileOne: (dir: string) => Promise<CompileResult>,
  slidesRoot = resolve(ROOT, 'slides'),
  base = siteUrl(),
): Promise<SiteDeck[]> {
  const decks: SiteDeck[] = []
  for (const d of listDecks(slidesRoot)) {
    const hit = lookupSession(d.dir)
    if (hit && outputMatches(hit.output, resolve(out, d.slug), base)) {
      decks.push({ ...d, result: hit.result, search: hit.search, reused: true })
      continue
    }
    const recorded = await recordCompile(() => compileOne(d.dir))
    decks.push({ ...d, result: recorded.result, recorded })
  }
  return decks
}

/**
 * Writes the site: `index.html` listing the sessions, `home.css`, the search index and module,
 * and `<slug>/` per session, with its link preview image (preview.ts). A session `reused` keeps
 * its folder of the previous build (moved into the new one, moved back if the build fails);
 * every other one is written, and stored in the session cache when it `recorded` its inputs. The
 * PDFs of the previous build that still match their slides are kept (see src/site/pdfs.ts), so
 * the home page goes on linking them; out-of-date ones are left out, with a note.
 */
export async function buildSite(decks: SiteDeck[], out: string): Promise<KeptPdfs> {
  let pdfs: KeptPdfs = { kept: [], stale: [] }
  let previews: Previews = { taken: [], kept: [] }
  const base = siteUrl()
  for (const deck of decks) deck.search ??= searchDocs([deck])
  await writeAtomically(out, async (dir) => {
    const moved: string[] = []
    mkdirSync(dir, { recursive: true })
    try {
      for (const deck of decks)
        if (deck.reused) {
          renameSync(resolve(out, deck.slug), resolve(dir, deck.slug))
          moved.push(deck.slug)
        } else await assembleDeck(resolve(dir, deck.slug), deck.result)
      pdfs = keepPdfs(out, dir, decks)
      await writeSearch(dir, decks)
      writeHome(dir, decks)
      // A reused folder has its image and card tags already (its entry matched this base).
      previews = await writePreviews(
        dir,
        decks.filter((d) => !d.reused),
        out,
        base,
      )
    } catch (err) {
      for (const slug of moved) renameSync(resolve(dir, slug), resolve(out, slug))
      throw err
    }
  })
  for (const deck of decks)
    if (deck.recorded && !hasErrors(deck.result.diagnostics))
      storeSession(deck.dir, deck.recorded, {
        search: deck.search ?? [],
        // Without its image (no Chromium), the folder is written again by the next build.
        ...(previews.failed
          ? {}
          : { output: { base: base ?? '', files: outputFiles(resolve(out, deck.slug)) } }),
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
