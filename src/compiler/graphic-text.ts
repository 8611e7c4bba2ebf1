// Graphic text size: the smallest font size an SVG's text renders at, for the shown width.
//
// An SVG string in, a number out (no DOM), read with the one HTML tokenizer of src/untrusted/ in
// its SVG mode. It follows what a browser does with the
// sizes that matter for legibility: the root's viewBox scales everything to the shown width,
// `font-size` comes from a `style` attribute, then a `<style>` rule, then the presentation
// attribute, and inherits down `<g>` and `<text>`; `em` and `%` are relative to the parent, and
// `scale()`/`matrix()` transforms on the way down scale the text too.
import { readHtml } from '../untrusted/index.ts'

/** The smallest text of a graphic, in CSS px as rendered. */
export interface SmallestText {
  /** Rendered font size in CSS px (font size × viewBox scale × transforms), to 0.1 px. */
  size: number
  /** The text drawn at that size (trimmed, at most 40 characters). */
  text: string
}

/** Options of {@link smallestTextSize}. */
export interface GraphicTextOptions {
  /**
   * The font size the SVG inherits from the page where it is shown, in CSS px.
   *
   * @defaultValue 16 (a browser's default; an `<img>` SVG inherits nothing else)
   */
  inheritedFontSize?: number
}

/** Text-bearing SVG elements whose own character data is drawn. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textpath'])

/** CSS's absolute-size keywords, in px at the 16 px default. */
const KEYWORD_SIZES = new Map<string, number>([
  ['xx-small', 9],
  ['x-small', 10],
  ['small', 13],
  ['medium', 16],
  ['large', 18],
  ['x-large', 24],
  ['xx-large', 32],
  ['xxx-large', 48],
])

const RE_NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)$/i

/** `font-size` from a CSS declaration list (`a: b; font-size: 12px`), last one wins. */
function declaredFontSize(declarations: string): string | undefined {
  let found: string | undefined
  for (const part of declarations.split(';')) {
    const colon = part.indexOf(':')
    if (colon < 0) continue
    if (part.slice(0, colon).trim().toLowerCase() === 'font-size')
      found = part
        .slice(colon + 1)
        .replace(/!important/i, '')
        .trim()
    const font = part.slice(0, colon).trim().toLowerCase() === 'font' ? part.slice(colon + 1) : ''
    // The `font` shorthand: the size is the token before the family (optionally `/line-height`).
    const m = /(?:^|\s)((?:\d+\.?\d*|\.\d+)[a-z%]*)(?:\/\S+)?\s+\S/i.exec(font)
    if (m) found = m[1]
  }
  return found
}

/** A simple `<style>` rule: element name and/or classes (`text`, `.label`, `text.label`, `*`). */
interface StyleRule {
  tag?: string
  classes: string[]
  id?: string
  size: string
  /** Specificity, then source order, decide between rules. */
  specificity: number
  order: number
}

/** The text of each `<style>` element (CDATA sections read as text). */
function styleSheets(svg: string): string[] {
  const sheets: string[] = []
  let open: string | undefined
  readHtml(
    svg,
    {
      startTag: (tag) => {
        if (tag.name.toLowerCase() === 'style') open = ''
      },
      endTag: (name) => {
        if (name.toLowerCase() !== 'style' || open === undefined) return
        sheets.push(open)
        open = undefined
      },
      text: (text) => {
        if (open !== undefined) open += text
      },
    },
    'svg',
  )
  return sheets
}

function styleRules(svg: string): StyleRule[] {
  const rules: StyleRule[] = []
  let order = 0
  for (const sheet of styleSheets(svg)) {
    const css = sheet.replace(/\/\*[\s\S]*?\*\//g, '')
    for (const rule of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const size = declaredFontSize(rule[2]!)
      if (size === undefined) continue
      for (const raw of rule[1]!.split(',')) {
        // Only the last compound of a selector (`g text.x` -> `text.x`): a deliberate
        // approximation that errs towards applying the rule.
        const compound =
          raw
            .trim()
            .split(/[\s>+~]+/)
            .at(-1) ?? ''
        const m = /^(\*|[A-Za-z][\w-]*)?((?:[.#][\w-]+)*)$/.exec(compound)
        if (!m || compound === '') continue
        const classes = [...m[2]!.matchAll(/\.([\w-]+)/g)].map((c) => c[1]!)
        const id = /#([\w-]+)/.exec(m[2]!)?.[1]
        const tag = m[1] && m[1] !== '*' ? m[1].toLowerCase() : undefined
        rules.push({
          tag,
          classes,
          id,
          size,
          specificity: (id ? 100 : 0) + classes.length * 10 + (tag ? 1 : 0),
          order: order++,
        })
      }
    }
  }
  return rules
}

function ruleSize(rules: StyleRule[], tag: string, attrs: Map<string, string>): string | undefined {
  const classes = new Set((attrs.get('class') ?? '').split(/\s+/).filter(Boolean))
  const id = attrs.get('id')
  let best: StyleRule | undefined
  for (const r of rules) {
    if (r.tag && r.tag !== tag) continue
    if (r.id && r.id !== id) continue
    if (!r.classes.every((c) => classes.has(c))) continue
    // Rules come in source order: on equal specificity the later one wins.
    if (!best || r.specificity >= best.specificity) best = r
  }
  return best?.size
}

/** Resolves a CSS font-size value against the parent's size (both in user units). */
function resolveSize(value: string, parent: number): number {
  const v = value.trim().toLowerCase()
  const keyword = KEYWORD_SIZES.get(v)
  if (keyword !== undefined) return keyword
  if (v === 'smaller') return parent / 1.2
  if (v === 'larger') return parent * 1.2
  if (v === 'inherit' || v === 'initial' || v === 'unset' || v === '') return parent
  const m = RE_NUMBER.exec(v)
  if (!m) return parent // var(), calc(): not resolvable here; keep the inherited size
  const n = Number(m[1])
  switch (m[2]) {
    case '':
    case 'px':
      return n
    case 'em':
      return n * parent
    case 'rem':
      return n * 16
    case '%':
      return (n / 100) * parent
    case 'pt':
      return (n * 4) / 3
    case 'pc':
      return n * 16
    case 'in':
      return n * 96
    case 'cm':
      return (n * 96) / 2.54
    case 'mm':
      return (n * 96) / 25.4
    case 'ex':
      return n * parent * 0.5
    default:
      return parent
  }
}

/** How much a `transform` attribute scales text vertically (translate/rotate/skew: 1). */
export function transformScale(transform: string): number {
  let scale = 1
  for (const m of transform.matchAll(/(scale|matrix)\s*\(([^)]*)\)/gi)) {
    const args = m[2]!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
    if (args.some((a) => !Number.isFinite(a))) continue
    if (m[1]!.toLowerCase() === 'scale') {
      const [sx = 1, sy = sx] = args
      scale *= Math.abs(sy)
    } else if (args.length === 6) {
      // matrix(a b c d e f): the y axis maps to (c, d); text height scales by its length.
      scale *= Math.hypot(args[2]!, args[3]!)
    }
  }
  return scale
}

/** The root `<svg>`'s scale from user units to CSS px when shown `shownWidth` px wide. */
function rootScale(attrs: Map<string, string>, shownWidth: number): number {
  const viewBox = (attrs.get('viewbox') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
  if (viewBox.length === 4 && viewBox[2]! > 0 && viewBox.every(Number.isFinite))
    return shownWidth / viewBox[2]!
  const width = RE_NUMBER.exec((attrs.get('width') ?? '').trim())
  if (width && (width[2] === '' || width[2] === 'px') && Number(width[1]) > 0)
    return shownWidth / Number(width[1])
  return 1
}

interface Frame {
  tag: string
  size: number
  scale: number
}

/**
 * The smallest rendered font size of any text in `svg` when the SVG is shown `shownWidth` CSS px
 * wide (the width it takes on the 1280×720 slide), or `undefined` if it draws no text.
 *
 * @example smallestTextSize('<svg viewBox="0 0 600 100"><text font-size="20">a</text></svg>', 300)
 *   // -> { size: 10, text: 'a' }
 */
export function smallestTextSize(
  svg: string,
  shownWidth: number,
  options: GraphicTextOptions = {},
): SmallestText | undefined {
  const rules = styleRules(svg)
  const stack: Frame[] = [{ tag: '#page', size: options.inheritedFontSize ?? 16, scale: 1 }]
  let smallest: SmallestText | undefined
  let seenRoot = false
  let inStyle = false
  const record = (content: string): void => {
    const frame = stack.at(-1)!
    const trimmed = content.replace(/\s+/g, ' ').trim()
    if (trimmed === '' || !TEXT_ELEMENTS.has(frame.tag)) return
    const size = Math.round(frame.size * frame.scale * 10) / 10
    if (!smallest || size < smallest.size) smallest = { size, text: trimmed.slice(0, 40) }
  }
  readHtml(
    svg,
    {
      startTag: (tag) => {
        const name = tag.name.toLowerCase()
        if (name === 'style') inStyle = true
        const parent = stack.at(-1)!
        const attrs = new Map<string, string>()
        for (const [k, v] of tag.attributes)
          if (!attrs.has(k.toLowerCase())) attrs.set(k.toLowerCase(), v)
        let scale = parent.scale
        if (name === 'svg' && !seenRoot) {
          seenRoot = true
          scale = rootScale(attrs, shownWidth)
        }
        if (attrs.has('transform')) scale *= transformScale(attrs.get('transform')!)
        const value =
          declaredFontSize(attrs.get('style') ?? '') ??
          ruleSize(rules, name, attrs) ??
          attrs.get('font-size')
        const size = value === undefined ? parent.size : resolveSize(value, parent.size)
        stack.push({ tag: name, size, scale })
      },
      endTag: (tagName) => {
        const name = tagName.toLowerCase()
        if (name === 'style') inStyle = false
        // Close the nearest open element of this name (tolerates sloppy nesting).
        const at = stack.findLastIndex((f) => f.tag === name)
        if (at > 0) stack.length = at
      },
      text: (text) => {
        if (!inStyle) record(text)
      },
    },
    'svg',
  )
  return smallest
}
