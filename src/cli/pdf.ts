// `npm run pdf`: a deck as a PDF, one page per slide (fragments complete, math and fonts
// embedded, links kept), printed by the system Chromium from reveal.js's print view of a fresh
// build; `--notes` writes the handout, with each slide's notes under it. A PDF printed from the
// same slides by the same version of the tool (its stamp, src/site/pdfs.ts) is kept, not printed
// again: the session cache (src/site/session-cache.ts) says so without compiling.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { report } from './report.ts'
import { compile } from '../compiler/index.ts'
import { printable } from '../compiler/diagnostics.ts'
import { assembleDeck, compileSiteCached, writeHome } from '../site/build.ts'
import { pdfIsCurrent, stampPdf } from '../site/pdfs.ts'
import { lookupSession } from '../site/session-cache.ts'
import { ROOT } from '../site/paths.ts'
import { launchChromium, serveSite } from './chromium.ts'
import { runAsMain, runEachDeck } from './each-deck.ts'

const USAGE = `usage: npm run pdf -- [--slides <deck-dir>] [--out <dir>] [--notes]
  without --slides: every session, into dist/<slug>/, and the home page links them
  writes <dir>/<slug>.pdf, or <dir>/<slug>-handout.pdf with --notes (the notes under each slide)
  <slug> is the deck folder's name; <dir> defaults to dist/<slug>/, next to the built deck`

/** What to print and where. */
export interface PdfOptions {
  slidesDir: string
  /** The folder the PDF is written to. */
  outDir: string
  /** The handout: each slide's notes under it. */
  notes?: boolean
}

/**
 * Builds the deck into a temporary folder, serves it, and prints `?print-pdf` to a PDF, unless
 * the PDF there was printed from the same slides by the same tool (`kept`).
 * @returns the PDF's path, its number of slides, and whether it was kept
 */
export async function writePdf(
  options: PdfOptions,
): Promise<{ file: string; slides: number; kept: boolean }> {
  const slidesDir = resolve(options.slidesDir)
  const slug = basename(slidesDir)
  const file = resolve(options.outDir, `${slug}${options.notes ? '-handout' : ''}.pdf`)
  const cached = lookupSession(slidesDir)?.result
  if (cached && pdfIsCurrent(file, cached))
    return { file, slides: cached.deck.slides.length, kept: true }
  const result = await compile(slidesDir, { root: ROOT })
  if (!report(result.diagnostics)) throw new Error('the deck has errors; no PDF was written')
  if (pdfIsCurrent(file, result)) return { file, slides: result.deck.slides.length, kept: true }
  const site = mkdtempSync(join(tmpdir(), 'deck-pdf-'))
  try {
    await assembleDeck(site, result)
    const server = await serveSite(site)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
      page.on('pageerror', (err) => console.error(`page error: ${printable(err.message)}`))
      await page.goto(`${server.url}?print-pdf${options.notes ? '&notes' : ''}`)
      await page.waitForSelector('html[data-pdf-ready="true"]', { timeout: 60_000 })
      mkdirSync(options.outDir, { recursive: true })
      const partial = `${file}.partial-${process.pid}`
      await page.pdf({ path: partial, preferCSSPageSize: true, printBackground: true })
      renameSync(partial, file)
      stampPdf(file, result)
    } finally {
      await browser.close()
      await server.close()
    }
  } finally {
    rmSync(site, { recursive: true, force: true })
  }
  return { file, slides: result.deck.slides.length, kept: false }
}

async function main(argv: string[]): Promise<number> {
  const values = await runEachDeck(argv, USAGE, ['notes'] as const, async (deck, flags) => {
    const { file, slides, kept } = await writePdf({ ...deck, notes: flags.notes })
    return { file, detail: `${slides} slides`, kept }
  })
  if ((values as { help?: boolean }).help) return 0
  // The site's home page links the PDFs that now exist.
  const site = resolve(ROOT, 'dist')
  if (!values.slides && !values.out && existsSync(resolve(site, 'index.html')))
    writeHome(site, await compileSiteCached())
  return 0
}

runAsMain(
  import.meta.url,
  main,
  USAGE,
  (err) => err instanceof TypeError && /argument/i.test(err.message),
)
