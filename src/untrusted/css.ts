// CSS a deck writes (a `style` attribute, reveal.js's `data-background*` values, an SVG's
// `<style>`): no escapes or comments that could hide a URL or a property from these checks, no
// `@import`, `expression()`, `behavior`/`-moz-binding` or script URL, no fixed or sticky
// positioning (a deck may not lay anything over the page outside its slide), and the URLs it loads
// found so the caller can publish or refuse each.
import type { Refusal } from './refusal.ts'

/** A `url(…)` or an `image-set("…")` string in a CSS value: where it is and what it says. */
export interface CssUrl {
  start: number
  end: number
  url: string
}

/**
 * The URLs a CSS value loads: `url(…)` (quoted or not) and the strings of `image-set()` /
 * `-webkit-image-set()`. The caller has refused escapes and comments first, so no URL can hide.
 */
export function cssUrls(css: string): CssUrl[] {
  const out: CssUrl[] = []
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi))
    out.push({ start: m.index, end: m.index + m[0].length, url: m[1] ?? m[2] ?? m[3] ?? '' })
  for (const set of css.matchAll(/(?:-webkit-)?image-set\(([^)]*(?:\([^)]*\)[^)]*)*)\)/gi))
    for (const s of set[1]!.matchAll(/"([^"]*)"|'([^']*)'/g)) {
      const start = set.index + set[0].indexOf(s[0])
      out.push({ start, end: start + s[0].length, url: s[1] ?? s[2] ?? '' })
    }
  return out
}

/** What a deck's CSS may not contain (see the file's header); undefined when it is allowed. */
export function refuseCss(css: string): Refusal | undefined {
  const refuse = (what: string): Refusal => ({
    code: 'style-refused',
    message: `CSS with ${what} is not allowed in a deck`,
  })
  if (css.includes('\\')) return refuse('a backslash escape')
  if (css.includes('/*')) return refuse('a comment')
  if (/@import/i.test(css)) return refuse('`@import`')
  if (/expression\s*\(/i.test(css)) return refuse('`expression()`')
  if (/(^|[;{\s])(behavior|-moz-binding)\s*:/i.test(css)) return refuse('`behavior`/`-moz-binding`')
  if (/javascript:|vbscript:/i.test(css)) return refuse('a script URL')
  if (/position\s*:\s*(fixed|sticky)/i.test(css)) return refuse('`position: fixed/sticky`')
  return undefined
}

const RE_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi

/** Whether every `url()` in `value` is a same-document reference (`url(#id)`). */
export function refersLocallyOnly(value: string): boolean {
  for (const m of value.matchAll(RE_URL)) if (!m[2]!.trim().startsWith('#')) return false
  return true
}

/**
 * A drawing's style sheet: only plain rules whose every selector starts with `#scope` (no
 * @-rules), with declarations that pass {@link refuseCss} and load nothing. Without a scope,
 * nothing: an unscoped rule would style the page around the drawing.
 */
export function scopedStyleSheet(css: string, scope: string | undefined): string {
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
    if (refuseCss(block) || !refersLocallyOnly(block)) continue
    rules.push(`${selectors}{${block}}`)
  }
  return rules.join('')
}
