// The PDFs `npm run pdf` writes beside each built session (`<slug>/<slug>.pdf` and the handout).
// Each carries a stamp of the slides it was printed from (`<pdf>.source`), so that rebuilding the
// site keeps the PDFs that still match their slides (and the home page keeps linking them), and
// drops, with a note, those the slides have since changed under.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CompileResult } from '../compiler/index.ts'

/** The PDF file names of a session folder: the slides, and the handout. */
export function pdfNames(slug: string): string[] {
  return [`${slug}.pdf`, `${slug}-handout.pdf`]
}

/** The stamp file beside a PDF. */
export const stampOf = (pdf: string): string => `${pdf}.source`

/** A fingerprint of what a PDF shows: the deck's metadata and every slide's HTML and attributes. */
export function deckFingerprint(result: CompileResult): string {
  const { meta, slides } = result.deck
  const content = slides.map((s) => [s.id, s.section ?? '', s.attrs, s.html])
  return createHash('sha256').update(JSON.stringify({ meta, content })).digest('hex')
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
 * they were printed from the slides as they are now.
 */
export function keepPdfs(
  from: string,
  to: string,
  decks: { slug: string; result: CompileResult }[],
): KeptPdfs {
  const done: KeptPdfs = { kept: [], stale: [] }
  for (const { slug, result } of decks) {
    const fingerprint = deckFingerprint(result)
    for (const name of pdfNames(slug)) {
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
