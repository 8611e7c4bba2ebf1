// SVG sanitising: an allow-list of SVG elements and attributes (sanitize-html in XML mode) for every
// SVG a deck publishes or inlines — its diagram files and the Mermaid drawings. No script, no event
// handler, no foreignObject, no external or `javascript:` reference, no CSS that loads or escapes.
import sanitizeHtml from 'sanitize-html'
import { refuseCss } from './policy.ts'

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

/** Attributes whose value may reference something: only same-document `#id` / `url(#id)`. */
const REFERENCES = /^(href|xlink:href)$/
const RE_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi

/** The sanitiser's version: caches of sanitised drawings key on it. */
export const SVG_SANITIZER = 'deck-svg-2'

/** What the sanitiser removed, for the diagnostic; empty when the SVG was clean. */
export interface SvgSanitized {
  svg: string
  removed: string[]
}

/** Only same-document references survive: `url(#id)` in values, `#id` in hrefs. */
function localOnly(value: string): boolean {
  for (const m of value.matchAll(RE_URL)) if (!m[2]!.trim().startsWith('#')) return false
  return true
}

/**
 * Sanitises an SVG document or fragment (the first `<svg>` element and what is in it; an XML
 * declaration, doctype or comments before it are dropped). `scope`, when given, is the id the
 * root gets: every `<style>` rule must then select inside `#scope`, so a drawing's CSS can never
 * style the page around it.
 */
export function sanitizeSvg(input: string, scope?: string): SvgSanitized {
  const removed = new Set<string>()
  const start = input.search(/<svg[\s>]/)
  const body = start < 0 ? '' : input.slice(start)
  if (!body) return { svg: '', removed: ['everything (no <svg> element)'] }
  const allowed = new Set(SVG_TAGS)
  let svg = sanitizeHtml(body, {
    allowedTags: SVG_TAGS,
    allowedAttributes: { '*': SVG_ATTRIBUTES },
    allowedSchemes: [],
    allowedSchemesAppliedToAttributes: [],
    allowProtocolRelative: false,
    allowVulnerableTags: true,
    disallowedTagsMode: 'discard',
    // `style` is the only element with text content that is not drawn text: kept, then checked.
    nonTextTags: ['script', 'textarea', 'option', 'noscript', 'foreignObject', 'iframe'],
    parser: { xmlMode: true, lowerCaseTags: false, lowerCaseAttributeNames: false },
    onOpenTag(name, attribs) {
      if (!allowed.has(name)) removed.add(`<${name}> element`)
      for (const attr of Object.keys(attribs))
        if (
          /^on/i.test(attr) ||
          !SVG_ATTRIBUTES.some((a) =>
            a.endsWith('*') ? attr.startsWith(a.slice(0, -1)) : a === attr,
          )
        )
          removed.add(`\`${attr}\` attribute`)
    },
    transformTags: {
      '*': (tagName, attribs) => {
        const out: Record<string, string> = {}
        for (const [name, value] of Object.entries(attribs)) {
          if (REFERENCES.test(name)) {
            if (value.trim().startsWith('#')) out[name] = value
            else removed.add(`external \`${name}\``)
            continue
          }
          if (name === 'style' && refuseCss(value)) {
            removed.add('`style` with CSS that is not allowed')
            continue
          }
          if (!localOnly(value)) {
            removed.add(`external \`url()\` in \`${name}\``)
            continue
          }
          out[name] = value
        }
        return { tagName, attribs: out }
      },
    },
  })
  // A `<style>` element's text is kept raw by the parser: its rules are checked here.
  svg = svg.replace(/<style>([^<]*)<\/style>/g, (_m, text: string) => {
    const css = cleanStyleSheet(text, scope)
    if (css.replace(/\s+/g, '') !== text.replace(/\s+/g, ''))
      removed.add('CSS rules that are not allowed in `<style>`')
    return css ? `<style>${css}</style>` : ''
  })
  if (scope)
    svg = svg.replace(/^<svg\b([^>]*?)(\sid="[^"]*")?/, (_m, a: string) => `<svg${a} id="${scope}"`)
  return { svg: presentationVarsToStyle(svg), removed: [...removed] }
}

/**
 * A drawing's `<style>`: only plain rules whose every selector starts with `#scope` (no @-rules),
 * with declarations that pass the deck's CSS policy and load nothing. Without a scope, nothing.
 */
function cleanStyleSheet(css: string, scope: string | undefined): string {
  if (!scope) return ''
  const rules: string[] = []
  // @-statements (`@import …;`, `@charset …;`) go first; an @-rule with a block is dropped below.
  const statements = css.replace(/@[^{};]*;/g, '')
  for (const m of statements.matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
    const selectors = m[1]!.trim()
    const block = m[2]!
    if (selectors.startsWith('@') || /[<>]|&lt;/.test(block)) continue
    const each = selectors.split(',').map((s) => s.trim())
    // Inside the drawing only: a sibling combinator (`#scope ~ div`, `#scope + p`) would reach
    // the page beside it, and an escape could hide one.
    if (/[~+\\]/.test(selectors)) continue
    if (
      !each.every(
        (s) => s === `#${scope}` || s.startsWith(`#${scope} `) || s.startsWith(`#${scope}.`),
      )
    )
      continue
    if (refuseCss(block) || !localOnly(block)) continue
    rules.push(`${selectors}{${block}}`)
  }
  return rules.join('')
}

/**
 * Presentation attributes cannot hold `var()` (browsers ignore `fill="var(--x)"`), so the theme's
 * CSS variables move into the element's `style`, where they work.
 */
export function presentationVarsToStyle(svg: string): string {
  return svg.replace(/<[a-zA-Z][^>]*\s[a-z-]+="var\([^>]*>/g, (tag) => {
    const moved: string[] = []
    let t = tag.replace(/\s([a-z-]+)="(var\([^"]+\))"/g, (_m, prop: string, value: string) => {
      moved.push(`${prop}:${value}`)
      return ''
    })
    if (/\sstyle="/.test(t))
      t = t.replace(/\sstyle="([^"]*)"/, (_m, st: string) => ` style="${moved.join(';')};${st}"`)
    else t = t.replace(/(\s*\/?>)$/, ` style="${moved.join(';')}"$1`)
    return t
  })
}

/**
 * Makes every id in an inlined SVG unique in the page (`prefix-…`), and every same-document
 * reference follow: several drawings on one page may each have an `arrow` marker.
 */
export function prefixIds(svg: string, prefix: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)
  if (ids.length === 0) return svg
  const known = new Set(ids)
  const rename = (id: string): string => (known.has(id) ? `${prefix}-${id}` : id)
  return svg
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${rename(id)}"`)
    .replace(/url\(\s*#([^)\s'"]+)\s*\)/g, (_m, id: string) => `url(#${rename(id)})`)
    .replace(
      /\s((?:xlink:)?href)="#([^"]+)"/g,
      (_m, a: string, id: string) => ` ${a}="#${rename(id)}"`,
    )
    .replace(
      /\s(aria-labelledby|aria-describedby)="([^"]+)"/g,
      (_m, a: string, list: string) => ` ${a}="${list.split(/\s+/).map(rename).join(' ')}"`,
    )
}
