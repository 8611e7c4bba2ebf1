// Raw HTML in slides: the sanitizer of src/untrusted/ over the slide's whole HTML, so Markdown
// inside an allowed wrapper stays inside it, tags stay balanced, and no closing tag from a slide
// can close the deck's own containers. What our own rules render (math, code, charts, diagrams,
// inlined SVG, citations) is set aside first and put back after: it is built, not written. Every
// attribute goes through the attribute policy; each removal is a diagnostic at its place.
import { randomBytes } from 'node:crypto'
import type { MarkdownIt } from 'markdown-it'
import { sanitizeSlideHtml } from '../../untrusted/index.ts'
import { policeAttribute } from './attributes.ts'
import { REFERENCES_MARKER } from './citations.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'

/** Our stand-in for a trusted piece while the rest of the slide is sanitised. */
const TRUSTED_TAG = 'deck-trusted'

/** The trusted pieces of the slide being rendered, behind placeholders with this render's nonce. */
interface TrustedStash {
  nonce: string
  parts: string[]
}

/** The renderer rules whose output we build ourselves (escaped, typeset or sanitised already). */
const TRUSTED_RULES = [
  'deck_math_inline',
  'deck_math_display',
  'deck_math_block',
  'deck_cite',
  'fence',
  'code_block',
  'code_inline',
  'image',
]

/** Where in the slide body a removed thing was written: its first occurrence from `from`. */
function locate(env: RenderEnv, needles: string[], from: number): number {
  for (const needle of needles) {
    if (!needle) continue
    const at = env.body.indexOf(needle, from)
    if (at >= 0) return at
    const anywhere = env.body.indexOf(needle)
    if (anywhere >= 0) return anywhere
  }
  return from
}

/**
 * Sanitises a slide's whole HTML: elements and attributes off the allow-list are removed (a
 * warning), an attribute the URL or CSS policy refuses is removed (an error), and stray closing
 * tags are dropped by the parser, so the slide's markup is one balanced fragment.
 */
export function sanitizeSlide(html: string, env: RenderEnv): string {
  let cursor = 0
  const report = (
    needles: string[],
    code: string,
    message: string,
    severity: 'error' | 'warning',
  ): void => {
    const at = locate(env, needles, cursor)
    cursor = at
    reportAt(
      env,
      at,
      code,
      message,
      severity,
      severity === 'warning' ? 'use Markdown, or an allowed tag: see docs/authoring.md' : undefined,
    )
  }
  const warned = new Set<string>()
  return sanitizeSlideHtml(html, {
    keepTag: TRUSTED_TAG,
    attribute: (tag, name, value) => policeAttribute(tag, name, value, env),
    removed(needles, what) {
      const key = `${what}@${needles[0]}`
      if (warned.has(key)) return
      warned.add(key)
      report(
        needles,
        'html-removed',
        `removed ${what} from raw HTML (not on the allow-list)`,
        'warning',
      )
    },
    refused: (needles, refusal) => report(needles, refusal.code, refusal.message, 'error'),
  })
}

/** Comments a later deck stage fills in (the references list): kept through the sanitizer. */
const MARKERS = [REFERENCES_MARKER]

/** Sets `html` aside and returns the placeholder that stands for it. */
function setAside(env: RenderEnv, html: string): string {
  const stash = (env.trusted ??= {
    nonce: randomBytes(9).toString('hex'),
    parts: [],
  }) as TrustedStash
  stash.parts.push(html)
  return `<${TRUSTED_TAG} data-id="${stash.nonce}-${stash.parts.length - 1}"></${TRUSTED_TAG}>`
}

/** Sets our renderers' output aside behind a placeholder only this render knows. */
function trustRenderers(md: MarkdownIt): void {
  for (const name of TRUSTED_RULES) {
    const rule = md.renderer.rules[name]
    if (!rule) continue
    md.renderer.rules[name] = (tokens, idx, options, env, self) =>
      setAside(envOf(env), rule(tokens, idx, options, env, self))
  }
}

/**
 * Registers the sanitizer. It goes last in the `.use()` chain: it wraps the final renderers of
 * the trusted rules and the whole-slide render.
 */
export function sanitizePlugin(md: MarkdownIt): void {
  trustRenderers(md)
  const render = md.renderer.render.bind(md.renderer)
  md.renderer.render = (tokens, options, env) => {
    const e = envOf(env)
    e.trusted = undefined
    let html = render(tokens, options, env)
    for (const marker of MARKERS) html = html.split(marker).join(setAside(e, marker))
    const clean = sanitizeSlide(html, e)
    const stash = e.trusted as TrustedStash | undefined
    e.trusted = undefined
    // Only placeholders with this render's nonce are ours; any other is the author's, and goes.
    return clean.replace(
      new RegExp(`<${TRUSTED_TAG}(?: data-id="([^"]*)")?></${TRUSTED_TAG}>`, 'g'),
      (_m, id: string | undefined) => {
        const [nonce, index] = (id ?? '').split('-')
        return stash && nonce === stash.nonce ? (stash.parts[Number(index)] ?? '') : ''
      },
    )
  }
}
