// Raw HTML in slides: an allow-list sanitizer (sanitize-html) over the slide's whole HTML, so
// Markdown inside an allowed wrapper stays inside it, tags stay balanced, and no closing tag from a
// slide can close the deck's own containers. What our own rules render (math, code, charts,
// diagrams, inlined SVG, citations) is set aside first and put back after: it is built, not
// written. Every attribute goes through the URL and CSS policy; each removal is a diagnostic.
import { randomBytes } from 'node:crypto'
import type { MarkdownIt } from 'markdown-it'
import sanitizeHtml, { type IOptions } from 'sanitize-html'
import { policeAttribute } from './attributes.ts'
import { REFERENCES_MARKER } from './citations.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'

/** Tags a slide's raw HTML may use: text structure, tables, figures, details. */
export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'aside',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
]
const GLOBAL_ATTRIBUTES = [
  'class',
  'id',
  'title',
  'lang',
  'dir',
  'style',
  'role',
  'data-*',
  'aria-*',
]
const TAG_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'rel', 'target'],
  img: ['src', 'srcset', 'alt', 'width', 'height'],
  video: ['src', 'poster', 'controls', 'loop', 'muted', 'playsinline', 'width', 'height'],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  time: ['datetime'],
  ol: ['start', 'reversed'],
  blockquote: ['cite'],
  q: ['cite'],
}

/** Our stand-in for a trusted piece while the rest of the slide is sanitised. */
const TRUSTED_TAG = 'deck-trusted'

/** The trusted pieces of the slide being rendered, behind placeholders with this render's nonce. */
interface TrustedStash {
  nonce: string
  parts: string[]
}

const OPTIONS: IOptions = {
  allowedTags: [...ALLOWED_TAGS, TRUSTED_TAG],
  allowedAttributes: { '*': GLOBAL_ATTRIBUTES, ...TAG_ATTRIBUTES },
  // URLs are checked by the deck's policy (attributes.ts) in transformTags, not by scheme lists.
  allowedSchemes: ['http', 'https', 'mailto', 'data'],
  allowProtocolRelative: true,
  allowedSchemesAppliedToAttributes: [],
  // Our own comment attributes were consumed earlier; any other comment is dropped quietly.
  disallowedTagsMode: 'discard',
  parser: { decodeEntities: true },
}

/** Whether raw HTML may set `name` on `<tag>`. */
const isAllowedAttribute = (tag: string, name: string): boolean =>
  [...GLOBAL_ATTRIBUTES, ...(TAG_ATTRIBUTES[tag] ?? [])].some((a) =>
    a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name,
  )

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
      severity === 'warning' ? 'use Markdown, or an allowed tag: see CONTRIBUTING.md' : undefined,
    )
  }
  const warned = new Set<string>()
  const removed = (needles: string[], what: string): void => {
    const key = `${what}@${needles[0]}`
    if (warned.has(key)) return
    warned.add(key)
    report(
      needles,
      'html-removed',
      `removed ${what} from raw HTML (not on the allow-list)`,
      'warning',
    )
  }
  return sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag(name, attribs) {
      if (name === TRUSTED_TAG) return
      if (!ALLOWED_TAGS.includes(name)) {
        removed([`<${name}`, `<${name.toUpperCase()}`], `<${name}> element`)
        return
      }
      for (const attr of Object.keys(attribs))
        if (!isAllowedAttribute(name, attr))
          removed([`${attr}=`, attr], `\`${attr}\` attribute on <${name}>`)
    },
    transformTags: {
      '*': (tagName, attribs) => {
        if (tagName === TRUSTED_TAG) return { tagName, attribs }
        const out: Record<string, string> = {}
        for (const [name, value] of Object.entries(attribs)) {
          if (!isAllowedAttribute(tagName, name)) continue
          const result = policeAttribute(tagName, name, value, env)
          if ('code' in result) {
            report([value, `${name}=`], result.code, result.message, 'error')
            continue
          }
          out[name] = result.value
        }
        return { tagName, attribs: out }
      },
    },
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
