// Graphic text size on the slide: the `graphic-text-size` warning for charts (and, through the same
// helper, inlined diagrams) whose smallest text renders below the deck's 20 px floor.
import type { Token } from 'markdown-it'
import { smallestTextSize } from '../graphic-text.ts'
import { reportAt, type RenderEnv } from './env.ts'

/** The smallest text a graphic may draw on the 1280×720 slide, in CSS px. */
export const GRAPHIC_TEXT_FLOOR = 20

/** The slide's content width: 1280 px less the theme's 40 px padding on each side. */
export const SLIDE_CONTENT_WIDTH = 1200
/** A `::: column`'s width: half the content less the theme's 40 px gap. */
export const COLUMN_WIDTH = (SLIDE_CONTENT_WIDTH - 40) / 2

/** The body text size an inline SVG inherits on the slide (theme.css `--deck-step-0`). */
const SLIDE_FONT_SIZE = 32

/** The width available to the block at `tokens[idx]`: the slide's, or a column's. */
export function shownWidth(tokens: Token[], idx: number): number {
  let depth = 0
  for (let i = idx - 1; i >= 0; i--) {
    const type = tokens[i]!.type
    if (type === 'container_column_close') depth++
    else if (type === 'container_column_open') {
      if (depth === 0) return COLUMN_WIDTH
      depth--
    }
  }
  return SLIDE_CONTENT_WIDTH
}

const RE_SVG = /<svg\b[^>]*>[\s\S]*?<\/svg>/g

/**
 * Measures every top-level `<svg>` in `html` as shown in `available` px (an SVG is drawn at its
 * `width` attribute, or narrower when the slide or column is narrower) and warns at `offset` when
 * its smallest text is under {@link GRAPHIC_TEXT_FLOOR}.
 */
export function checkGraphicText(
  html: string,
  available: number,
  env: RenderEnv,
  offset: number,
  what: string,
): void {
  for (const [svg] of html.matchAll(RE_SVG)) {
    const width = Number(/^<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1])
    const shown = Number.isFinite(width) && width > 0 ? Math.min(width, available) : available
    const smallest = smallestTextSize(svg, shown, { inheritedFontSize: SLIDE_FONT_SIZE })
    if (!smallest || smallest.size >= GRAPHIC_TEXT_FLOOR) continue
    reportAt(
      env,
      offset,
      'graphic-text-size',
      `${what}: text “${smallest.text}” renders at ${smallest.size} px on the 1280×720 slide (shown ${Math.round(shown)} px wide), below the ${GRAPHIC_TEXT_FLOOR} px floor`,
      'warning',
      'draw the text larger, or give the graphic more width (not in a column)',
    )
  }
}
