// QR codes drawn at build time as SVG (the qrcode package's encoder; our own markup, path + rect).
import { qrcode } from './libraries.ts'
import { esc } from './svg.ts'

/** Quiet zone around the code, in modules (the QR spec asks for 4). */
const QUIET = 4

/**
 * `text` as a QR code: an SVG with one `<rect>` for the light background and one `<path>` for the
 * dark modules, in theme colours (`--deck-qr-ink` on `--deck-qr-bg`, dark on light in both themes).
 * Nothing runs in the browser; the code is in the page, so it works offline.
 *
 * @param label - the accessible name (what scanning it opens)
 */
export function qrSvg(text: string, label: string): string {
  const { modules } = qrcode().create(text, { errorCorrectionLevel: 'M' })
  const size = modules.size
  const box = size + 2 * QUIET
  let d = ''
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!modules.get(row, col)) continue
      // Runs of dark modules on a row become one rectangle: a shorter path.
      let run = 1
      while (col + run < size && modules.get(row, col + run)) run++
      d += `M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`
      col += run - 1
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" width="${box * 4}" height="${box * 4}" ` +
    `role="img" aria-label="${esc(label)}" shape-rendering="crispEdges">` +
    `<rect width="${box}" height="${box}" fill="var(--deck-qr-bg, #ffffff)"/>` +
    `<path d="${d}" fill="var(--deck-qr-ink, #0f172a)"/></svg>`
  )
}
