// The PDFs `npm run pdf` writes beside each built session (`<slug>/<slug>.pdf` and the handout).
// Each carries a stamp of the slides it was printed from and the tool's version (`<pdf>.source`),
// so that rebuilding the site keeps the PDFs that still match their slides (and the home page
// keeps linking them), and drops, with a note, those the slides have since changed under; and
// `npm run pdf` prints again only the PDFs whose stamp no longer matches.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CompileResult } from '../compiler/index.ts'
import { toolVersion } from './tool-version.ts'

/** The PDF file names of a session folder: the slides, and the handout. */
export function pdfNames(slug: string): string[] {
  return [`${slug}.pdf`, `${slug}-handout.pdf`]
}

/** The stamp file beside a PDF. */
export const stampOf = (pdf: string): string => `${pdf}.source`

/**
 * A fingerprint of what a PDF shows: the deck's metadata and every slide's HTML and attributes,
 * and the tool's version (the page, its styles and the print view are the tool's).
 */
export function deckFingerprint(result: CompileResult, tool = toolVersion()): string {
  const { meta, slides } = result.deck
  const content = slides.map((s) => [s.id, s.section ?? '', s.attrs, s.html])
  return createHash('sha256').update(JSON.stringify({ tool, meta, content })).digest('hex')
}

/** Whether `pdf` exists and was printed from these slides by this version of the tool. */
export function pdfIsCurrent(pdf: string, result: CompileResult): boolean {
  if (!existsSync(pdf)) return false
  const stamp = existsSync(stampOf(pdf)) ? readFileSync(stampOf(pdf), 'utf8').trim() : ''
  return stamp === deckFingerprint(result)
}

/** Records which slides `pdf` was printed from. */
export function stampPdf(pdf: string, result: CompileResult): void {
  writeFileSync(stampOf(pdf), `${deckFingerprint(result)}\n`)
}

/** What {@link keepPdfs} did with the PDFs of the previous build. */
export interface KeptPdfs {
  kept: string[]
  /** PDFs left out: printed from slides that have changed since (or with no stamp). */
  stale: string[]
}

/**
 * Copies each session's PDFs from the previous site folder `from` into the new one `to`, where
 * they were printed from the slides as they are now. A session folder moved whole into `to`
 * (`reused`) has its PDFs with it: those no longer current are removed from it.
 */
export function keepPdfs(
  from: string,
  to: string,
  decks: { slug: string; result: CompileResult; reused?: boolean }[],
): KeptPdfs {
  const done: KeptPdfs = { kept: [], stale: [] }
  for (const { slug, result, reused } of decks) {
    const fingerprint = deckFingerprint(result)
    for (const name of pdfNames(slug)) {
      if (reused) {
        const here = resolve(to, slug, name)
        if (!existsSync(here)) continue
        if (pdfIsCurrent(here, result)) done.kept.push(`${slug}/${name}`)
        else {
          rmSync(here, { force: true })
          rmSync(stampOf(here), { force: true })
          done.stale.push(`${slug}/${name}`)
        }
        continue
      }
      const old = resolve(from, slug, name)
      if (!existsSync(old)) continue
      const stamp = existsSync(stampOf(old)) ? readFileSync(stampOf(old), 'utf8').trim() : ''
      if (stamp !== fingerprint) {
        done.stale.push(`${slug}/${name}`)
        continue
      }
      copyFileSync(old, resolve(to, slug, name))
      copyFileSync(stampOf(old), stampOf(resolve(to, slug, name)))
      done.kept.push(`${slug}/${name}`)
    }
  }
  return done
}
