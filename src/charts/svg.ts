// SVG and HTML helpers for the build-time charts: theme colours, text, the figure with its data table.
import { escapeHtml } from '../shared/html.ts'
import { COLOURS } from '../shared/colours.ts'

export { COLOURS }

/** Font size of chart text at slide scale (the SVG is drawn 1:1 on the 1280x720 slide). */
export const FONT_SIZE = 22

/** Escapes text for SVG/HTML content and double-quoted attribute values. */
export const esc = escapeHtml

/** Rounds a coordinate for compact, stable output. */
export const n = (x: number): string => String(Math.round(x * 10) / 10)

/** Serialises attributes; `undefined` is skipped. */
function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(typeof v === 'number' ? n(v) : String(v))}"`)
    .join('')
}

/** One SVG element; `children` is already markup. */
export function el(
  tag: string,
  a: Record<string, string | number | undefined>,
  children?: string,
): string {
  return children === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children}</${tag}>`
}

/** A `<text>` element with escaped content. */
export function text(
  x: number,
  y: number,
  content: string,
  a: Record<string, string | number | undefined> = {},
): string {
  return el('text', { x, y, ...a }, esc(content))
}

/**
 * A width of `content` in px at `size`, from Inter's advance widths by kind of character (digits
 * 0.62em, capitals 0.68em, lower case 0.55em, narrow punctuation 0.3em), rounded up a little: it
 * errs wide, so labels placed with it keep apart.
 */
export function textWidth(
  content: string,
  size = FONT_SIZE,
  weight: 'normal' | 'bold' = 'normal',
): number {
  let em = 0
  for (const ch of content) {
    if (/[0-9]/.test(ch)) em += 0.62
    else if (/[.,:;'’|!il1()[\] ]/.test(ch)) em += 0.3
    else if (/[A-Z@%&—–#+×]/.test(ch)) em += 0.7
    else if (/[mwMW]/.test(ch)) em += 0.85
    else em += 0.56
  }
  return em * size * (weight === 'bold' ? 1.06 : 1)
}

/** `9.9` -> `9.9`, `75` -> `75.0`: the paper's one decimal. */
export const fixed1 = (x: number): string => x.toFixed(1)

/** A data table: the chart's numbers for screen readers and for anyone who wants them. */
export interface DataTable {
  caption: string
  head: string[]
  rows: string[][]
}

/** Everything a chart contributes to its figure. */
export interface ChartParts {
  title: string
  desc: string
  width: number
  height: number
  /** The SVG's content (markup), drawn in a `0 0 width height` box. */
  body: string
  table: DataTable
}

/** A cell that is a number: it gets tabular figures (graphics.css `.num`); names keep their hyphens. */
const RE_NUMERIC = /^[−+-]?\d+(\.\d+)?%?$/

function tableHtml(t: DataTable): string {
  const head = t.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')
  const rows = t.rows
    .map(
      ([first, ...rest]) =>
        `<tr><th scope="row">${esc(first ?? '')}</th>${rest.map((c) => `<td${RE_NUMERIC.test(c) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('')
  return (
    `<table style="margin:0;font-size:12px">` +
    `<caption style="caption-side:top;text-align:left;color:${COLOURS.ink};padding-bottom:6px">${esc(t.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`
  )
}

/**
 * The chart as a figure: an inline SVG (role="img", `<title>`, `<desc>`, aria-labelledby) drawn at
 * slide scale with the page's font, and its data as a real table for screen readers. The table is
 * visually hidden (clipped to nothing inside the figure), so it never makes the slide taller; every
 * number in it is also printed on the chart.
 */
export function figureHtml(name: string, id: string, parts: ChartParts): string {
  const { width, height } = parts
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` role="img" aria-labelledby="${id}-title ${id}-desc" font-size="${FONT_SIZE}" fill="${COLOURS.ink}"` +
    ` style="display:block;max-width:100%;height:auto;font-family:inherit;overflow:visible">` +
    `<title id="${id}-title">${esc(parts.title)}</title><desc id="${id}-desc">${esc(parts.desc)}</desc>` +
    `${parts.body}</svg>`
  const table =
    `<div class="deck-chart-data" style="position:absolute;left:0;top:0;width:100%;height:1px;` +
    `overflow:hidden;clip-path:inset(50%);font-size:12px">${tableHtml(parts.table)}</div>`
  return (
    `<figure class="deck-chart" id="${id}" data-chart="${esc(name)}" ` +
    `style="position:relative;margin:8px 0 0;max-width:100%;width:${width}px">${svg}${table}</figure>\n`
  )
}

/** A short stable hash (FNV-1a, base 36) for ids that must be unique on the page. */
export function shortHash(textToHash: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < textToHash.length; i++) {
    h ^= textToHash.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}
