// Maths in a deck's own SVG drawings: a `<text>` element whose whole text is `$…$` is typeset by
// the deck's KaTeX at build time, as every formula of the deck is, and set where the text was
// (its x, y and text-anchor, its font size and colour) in a `<foreignObject>`. The drawing was
// sanitised before (no foreignObject of the file's own survives); this one holds KaTeX's output.
import { escapeHtml } from '../../shared/html.ts'
import { readHtml } from '../../untrusted/index.ts'
import type { RenderEnv } from './env.ts'
import { renderTex } from './math.ts'

/** A `<text>` that is one formula: `$…$`, nothing else (no tspan inside). */
const RE_FORMULA = /^\s*\$([^$]+)\$\s*$/

/** The room a formula gets: wide enough for any label, tall enough for a fraction. */
const WIDTH_EM = 60
const ASCENT_EM = 2
const DEPTH_EM = 1

/** A colour we write into the formula's style: a hex colour, a name or a theme variable. */
const RE_COLOUR = /^(#[0-9a-f]{3,8}|[a-z]+|var\(--[\w-]+(,\s*#[0-9a-f]{3,8})?\))$/i

interface Inherited {
  fontSize: number
  anchor: string
  colour?: string
  /** Whether an ancestor (or the element) has a `transform`: its x is then not the drawing's. */
  transformed?: boolean
}

/** The horizontal extent of the drawing's viewBox, where the formula's box may reach. */
interface Extent {
  left: number
  right: number
}

/** The value of `name` in an element's attributes, or in its `style` (`name:value`). */
function property(attributes: [string, string][], name: string): string | undefined {
  const own = attributes.find(([k]) => k === name)?.[1]
  if (own !== undefined) return own.trim()
  const style = attributes.find(([k]) => k === 'style')?.[1] ?? ''
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`).exec(style)
  return match?.[1]?.trim()
}

const num = (value: string | undefined): number | undefined => {
  const n = Number(value?.split(/[\s,]+/)[0])
  return value !== undefined && Number.isFinite(n) ? n : undefined
}

/**
 * Typesets each formula `<text>` of a sanitised SVG drawing; a TeX error is reported at the
 * image (`offset` in the slide), and that text stays as written.
 */
export function typesetSvgMath(svg: string, env: RenderEnv, offset: number): string {
  if (!svg.includes('$')) return svg
  const stack: Inherited[] = [{ fontSize: 16, anchor: 'start' }]
  const edits: { start: number; end: number; html: string }[] = []
  let open:
    | { start: number; attributes: [string, string][]; inherited: Inherited; text: string }
    | undefined
  let nested = false
  let extent: Extent | undefined
  readHtml(
    svg,
    {
      startTag(tag) {
        const parent = stack[stack.length - 1]!
        const colour = property(tag.attributes, 'fill')
        const here: Inherited = {
          fontSize: num(property(tag.attributes, 'font-size')) ?? parent.fontSize,
          anchor: property(tag.attributes, 'text-anchor') ?? parent.anchor,
          colour: colour && RE_COLOUR.test(colour) ? colour : parent.colour,
          transformed:
            parent.transformed === true || tag.attributes.some(([k]) => k === 'transform'),
        }
        if (tag.name === 'svg' && stack.length === 1) {
          const box = (tag.attributes.find(([k]) => k === 'viewBox')?.[1] ?? '')
            .trim()
            .split(/[\s,]+/)
            .map(Number)
          if (box.length === 4 && box.every(Number.isFinite) && box[2]! > 0)
            extent = { left: box[0]!, right: box[0]! + box[2]! }
        }
        if (open) nested = true
        if (tag.name === 'text') {
          open = { start: tag.start, attributes: tag.attributes, inherited: here, text: '' }
          nested = false
        }
        stack.push(here)
      },
      text(text) {
        if (open) open.text += text
      },
      endTag(name, _start, end) {
        stack.pop()
        if (name !== 'text' || !open) return
        const formula = RE_FORMULA.exec(open.text)?.[1]
        const x = num(property(open.attributes, 'x')) ?? 0
        const y = num(property(open.attributes, 'y')) ?? 0
        if (formula && !nested) {
          const html = renderTex(formula, false, env, () => offset)
          if (!html.startsWith('<code class="deck-math-error"'))
            edits.push({
              start: open.start,
              end,
              html: foreign(html, x, y, open, open.inherited.transformed ? undefined : extent),
            })
        }
        open = undefined
      },
    },
    'svg',
  )
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += svg.slice(at, edit.start) + edit.html
    at = edit.end
  }
  return out + svg.slice(at)
}

/**
 * The formula in a `<foreignObject>` placed as the text was: its baseline at `y` (a strut of the
 * box's ascent sets the line's baseline there), starting, centred or ending at `x`. The box is
 * wide enough for any label, but never reaches past the drawing's viewBox (`extent`): a box
 * wider than the drawing would count as content outside it, and outside the slide.
 */
function foreign(
  html: string,
  x: number,
  y: number,
  text: { attributes: [string, string][]; inherited: Inherited },
  extent: Extent | undefined,
): string {
  const { fontSize, anchor, colour } = text.inherited
  const room = (n: number): number => Math.max(fontSize, n)
  const most = WIDTH_EM * fontSize
  const width =
    extent === undefined
      ? most
      : anchor === 'middle'
        ? 2 * room(Math.min(most / 2, x - extent.left, extent.right - x))
        : anchor === 'end'
          ? room(Math.min(most, x - extent.left))
          : room(Math.min(most, extent.right - x))
  const ascent = ASCENT_EM * fontSize
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x
  const align = anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left'
  const transform = text.attributes.find(([k]) => k === 'transform')?.[1]
  const r = (n: number): string => String(Math.round(n * 100) / 100)
  return (
    `<foreignObject class="deck-svg-math" x="${r(left)}" y="${r(y - ascent)}" width="${r(width)}" ` +
    `height="${r(ascent + DEPTH_EM * fontSize)}"` +
    (transform ? ` transform="${escapeHtml(transform)}"` : '') +
    `><div xmlns="http://www.w3.org/1999/xhtml" style="font-size:${r(fontSize)}px;text-align:${align}` +
    (colour ? `;color:${colour}` : '') +
    `"><span class="deck-svg-math-strut" style="height:${r(ascent)}px"></span>${html}</div></foreignObject>`
  )
}
