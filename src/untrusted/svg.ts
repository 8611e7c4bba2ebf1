// SVG a deck publishes or inlines (its drawing files, Mermaid's drawings): an allow-list of SVG
// elements and attributes (sanitize-html in XML mode on the one tokenizer). No script, no event
// handler, no foreignObject, no external or `javascript:` reference, no CSS that loads, escapes or
// styles anything outside the drawing.
import { randomBytes } from 'node:crypto'
import sanitizeHtml from 'sanitize-html'
import { refersLocallyOnly, refuseCss, scopedStyleSheet } from './css.ts'
import { readHtml, SVG_PARSER } from './tokenizer.ts'

/** The SVG elements a drawing may use: shapes, text, structure, paint servers, markers. */
const SVG_TAGS = [
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'marker',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'style',
]

/** Attributes every allowed element may have (presentation attributes and ARIA). */
const SVG_ATTRIBUTES = [
  'id',
  'class',
  'style',
  'role',
  'aria-*',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'opacity',
  'color',
  'clip-path',
  'clip-rule',
  'mask',
  'marker-start',
  'marker-mid',
  'marker-end',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'letter-spacing',
  'word-spacing',
  'text-decoration',
  'writing-mode',
  'visibility',
  'display',
  'vector-effect',
  'paint-order',
  'shape-rendering',
  'text-rendering',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'dx',
  'dy',
  'width',
  'height',
  'd',
  'points',
  'pathLength',
  'viewBox',
  'preserveAspectRatio',
  'xmlns',
  'xmlns:xlink',
  'version',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'textLength',
  'lengthAdjust',
  'startOffset',
  'rotate',
  'href',
  'xlink:href',
]

/**
 * Inside a `<foreignObject>`, when the caller allows it (a drawing whose labels hold maths that
 * KaTeX typeset at build time): the HTML of a label and KaTeX's HTML and MathML output. No
 * link, image, form or media element; attributes are only these, and `style` is checked CSS.
 */
const LABEL_HTML_TAGS = ['foreignObject', 'div', 'span', 'p', 'br', 'b', 'strong', 'i', 'em']
const MATHML_TAGS = [
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msub',
  'msup',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mover',
  'munder',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'mstyle',
  'mpadded',
  'mphantom',
  'menclose',
]
const LABEL_HTML_ATTRIBUTES = [
  'xmlns',
  'mathvariant',
  'stretchy',
  'fence',
  'separator',
  'lspace',
  'rspace',
  'accent',
  'accentunder',
  'displaystyle',
  'scriptlevel',
  'encoding',
  'columnalign',
  'rowspacing',
  'columnspacing',
  'linethickness',
  'minsize',
  'maxsize',
  'movablelimits',
  'notation',
  'symmetric',
  'largeop',
  'form',
  'depth',
  'voffset',
]

/** The sanitiser's version: caches of sanitised drawings key on it. */
export const SVG_SANITIZER = 'deck-svg-4'

/** What a caller allows beyond shapes and text. */
export interface SvgOptions {
  /**
   * A `<foreignObject>` holding label HTML and KaTeX's output (see LABEL_HTML_TAGS): only for a
   * drawing the build made, whose maths KaTeX typeset with trust off.
   * @defaultValue false
   */
  labelHtml?: boolean
}

/** What the sanitiser removed, for the diagnostic; empty when the SVG was clean. */
export interface SvgSanitized {
  svg: string
  removed: string[]
}

const isAllowedSvgAttribute = (attr: string, labelHtml = false): boolean =>
  !/^on/i.test(attr) &&
  (SVG_ATTRIBUTES.some((a) => (a.endsWith('*') ? attr.startsWith(a.slice(0, -1)) : a === attr)) ||
    (labelHtml && LABEL_HTML_ATTRIBUTES.includes(attr)))

/** The ids an SVG document defines (read with the one tokenizer). */
function idsOf(svg: string): Set<string> {
  const ids = new Set<string>()
  readHtml(
    svg,
    {
      startTag: (tag) => {
        for (const [name, value] of tag.attributes) if (name === 'id') ids.add(value)
      },
    },
    'svg',
  )
  return ids
}

/**
 * Sanitises an SVG document or fragment (the first `<svg>` element and what is in it; an XML
 * declaration, doctype or comments before it are dropped).
 * @param scope the id the root gets: every `<style>` rule must then select inside `#scope`, so a
 *   drawing's CSS can never style the page around it (without a scope, style sheets are dropped)
 * @param prefix when given, every other id becomes `prefix-id` and every same-document reference
 *   follows (several drawings on one page may each have an `arrow` marker)
 */
export function sanitizeSvg(
  input: string,
  scope?: string,
  prefix?: string,
  options: SvgOptions = {},
): SvgSanitized {
  const removed = new Set<string>()
  const start = input.search(/<svg[\s>]/)
  let body = start < 0 ? '' : input.slice(start)
  if (!body) return { svg: '', removed: ['everything (no <svg> element)'] }
  const labelHtml = options.labelHtml === true
  // HTML serialisation writes a void `<br>` unclosed; the XML reader below needs it closed.
  if (labelHtml) body = body.replace(/<br\s*>/gi, '<br/>')
  const allowedTags = labelHtml ? [...SVG_TAGS, ...LABEL_HTML_TAGS, ...MATHML_TAGS] : SVG_TAGS
  const allowed = new Set(allowedTags)
  const isAllowedAttribute = (attr: string): boolean => isAllowedSvgAttribute(attr, labelHtml)
  const known = prefix ? idsOf(body) : new Set<string>()
  const rename = (id: string): string => (known.has(id) ? `${prefix}-${id}` : id)
  const renameUrls = (value: string): string =>
    prefix
      ? value.replace(/url\(\s*#([^)\s'"]+)\s*\)/g, (_m, id: string) => `url(#${rename(id)})`)
      : value
  // A `<style>` element is renamed to this element, which only this call knows, so its text comes
  // out escaped like any text; the pass below reads it back and writes the checked style sheet.
  const sheet = `deck-sheet-${randomBytes(6).toString('hex')}`
  let svg = sanitizeHtml(body, {
    allowedTags: [...allowedTags.filter((t) => t !== 'style'), sheet],
    allowedAttributes: {
      '*': labelHtml ? [...SVG_ATTRIBUTES, ...LABEL_HTML_ATTRIBUTES] : SVG_ATTRIBUTES,
    },
    allowedSchemes: [],
    allowedSchemesAppliedToAttributes: [],
    allowProtocolRelative: false,
    allowVulnerableTags: true,
    disallowedTagsMode: 'discard',
    nonTextTags: [
      'script',
      'textarea',
      'option',
      'noscript',
      'iframe',
      ...(labelHtml ? [] : ['foreignObject']),
    ],
    parser: SVG_PARSER,
    onOpenTag(name, attribs) {
      if (!allowed.has(name)) removed.add(`<${name}> element`)
      for (const attr of Object.keys(attribs))
        if (!isAllowedAttribute(attr)) removed.add(`\`${attr}\` attribute`)
    },
    transformTags: {
      '*': (tagName, attribs) => {
        if (tagName === 'style') return { tagName: sheet, attribs: {} }
        const out: Record<string, string> = {}
        const moved: string[] = []
        for (const [name, value] of Object.entries(attribs)) {
          if (!isAllowedAttribute(name)) continue
          if (name === 'href' || name === 'xlink:href') {
            if (value.trim().startsWith('#')) out[name] = `#${rename(value.trim().slice(1))}`
            else removed.add(`external \`${name}\``)
            continue
          }
          if (name === 'style' && refuseCss(value)) {
            removed.add('`style` with CSS that is not allowed')
            continue
          }
          if (!refersLocallyOnly(value)) {
            removed.add(`external \`url()\` in \`${name}\``)
            continue
          }
          // Presentation attributes cannot hold `var()` (browsers ignore `fill="var(--x)"`), so
          // the theme's CSS variables move into the element's `style`, where they work.
          if (name !== 'style' && /^var\(/.test(value) && /^[a-z-]+$/.test(name)) {
            moved.push(`${name}:${value}`)
            continue
          }
          if (name === 'id') out[name] = rename(value)
          else if (name === 'aria-labelledby' || name === 'aria-describedby')
            out[name] = value.split(/\s+/).map(rename).join(' ')
          else out[name] = renameUrls(value)
        }
        if (moved.length) out.style = [...moved, out.style].filter(Boolean).join(';')
        return { tagName, attribs: out }
      },
    },
  })
  svg = rewriteSheets(svg, sheet, (text) => {
    const css = renameUrls(scopedStyleSheet(text, scope))
    if (css.replace(/\s+/g, '') !== text.replace(/\s+/g, ''))
      removed.add('CSS rules that are not allowed in `<style>`')
    return css
  })
  if (scope)
    svg = svg.replace(/^<svg\b([^>]*?)(\sid="[^"]*")?/, (_m, a: string) => `<svg${a} id="${scope}"`)
  return { svg, removed: [...removed] }
}

/**
 * Replaces each `sheet` element of sanitised SVG (with whatever it holds) by a `<style>` with the
 * checked style sheet of its text, or by nothing; the text is read back decoded by the tokenizer
 * and written escaped, so no markup can come out of a style sheet.
 */
function rewriteSheets(svg: string, sheet: string, clean: (text: string) => string): string {
  const spans: { start: number; end: number; text: string }[] = []
  let open: { start: number; depth: number; text: string } | undefined
  let depth = 0
  readHtml(
    svg,
    {
      startTag: (tag) => {
        depth++
        if (tag.name === sheet && !open) open = { start: tag.start, depth, text: '' }
      },
      endTag: (name, _start, end) => {
        if (open && name === sheet && depth === open.depth) {
          spans.push({ start: open.start, end, text: open.text })
          open = undefined
        }
        depth--
      },
      text: (text) => {
        if (open) open.text += text
      },
    },
    'svg',
  )
  let out = ''
  let at = 0
  for (const span of spans) {
    const css = clean(span.text)
    out +=
      svg.slice(at, span.start) +
      (css ? `<style>${css.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</style>` : '')
    at = span.end
  }
  return out + svg.slice(at)
}
