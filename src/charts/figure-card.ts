// Chart `figure-card`: a figure of the paper with no published numbers, shown as what it shows, its
// caption, where it is, and a QR code and link to it: never a caption on its own, never a redraw.
import type { PaperFigures } from './data.ts'
import { qrSvg } from './qr.ts'
import { esc } from './svg.ts'

/** The link as people read it: no scheme. */
const shortUrl = (url: string): string => url.replace(/^https:\/\//, '')

/**
 * The card for figure `n` as a `<figure>`: HTML text (it wraps, and takes the deck's font and
 * sizes) beside a QR code drawn at build time.
 *
 * @throws Error if the data has no figure `n` (the option's choices come from the same file)
 */
export function figureCardHtml(data: PaperFigures, n: string, id: string): string {
  const f = Object.hasOwn(data.figures, n) ? data.figures[n] : undefined
  if (!f) throw new Error(`no figure ${n} in paper-figures.json`)
  const qr = qrSvg(f.url, `QR code: Figure ${n} in the paper, ${shortUrl(f.url)}`)
  return (
    `<figure class="deck-figure-card" id="${id}" data-chart="figure-card" data-figure="${esc(n)}">` +
    `<div class="deck-qr">${qr}</div>` +
    `<p class="deck-figure-what">Figure ${esc(n)}: ${esc(f.what)}</p>` +
    `<figcaption class="deck-figure-caption"><b>Caption:</b> “${esc(f.caption)}”</figcaption>` +
    `<p class="deck-figure-where">${esc(f.where)} · not redrawn: the paper gives no numbers for it · ` +
    `<a href="${esc(f.url)}">${esc(shortUrl(f.url))}</a></p>` +
    `</figure>\n`
  )
}
