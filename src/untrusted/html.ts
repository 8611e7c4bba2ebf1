// HTML a deck writes (raw HTML in a slide or its notes): an allow-list sanitizer (sanitize-html on
// the one tokenizer) over the slide's whole HTML, so tags stay balanced and no closing tag from a
// slide can close the deck's own containers. Elements and attributes off the allow-list are
// removed; every attribute left goes through the attribute policy (URLs and CSS).
import sanitizeHtml, { type IOptions } from 'sanitize-html'
import type { Refusal } from './refusal.ts'
import { HTML_PARSER } from './tokenizer.ts'

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
const TAG_ATTRIBUTES = new Map<string, string[]>([
  ['a', ['href', 'rel', 'target']],
  ['img', ['src', 'srcset', 'alt', 'width', 'height']],
  ['video', ['src', 'poster', 'controls', 'loop', 'muted', 'playsinline', 'width', 'height']],
  ['td', ['colspan', 'rowspan', 'align']],
  ['th', ['colspan', 'rowspan', 'align', 'scope']],
  ['time', ['datetime']],
  ['ol', ['start', 'reversed']],
  ['blockquote', ['cite']],
  ['q', ['cite']],
])

/** Whether raw HTML may set `name` on `<tag>`. */
export const isAllowedAttribute = (tag: string, name: string): boolean =>
  [...GLOBAL_ATTRIBUTES, ...(TAG_ATTRIBUTES.get(tag) ?? [])].some((a) =>
    a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name,
  )

/** What the sanitizer asks of its caller: the attribute policy and where to report. */
export interface SlideHtmlPolicy {
  /** Checks one allowed attribute: the value to write, or why it is refused. */
  attribute(tag: string, name: string, value: string): { value: string } | Refusal
  /** Something off the allow-list was removed (`needles`: what to look for in the source). */
  removed(needles: string[], what: string): void
  /** An attribute the policy refused was removed. */
  refused(needles: string[], refusal: Refusal): void
  /** The caller's own stand-in element, kept with its attributes as they are. */
  keepTag?: string
}

/** sanitize-html's options; its type declarations lack `allowedEmptyAttributes`. */
const OPTIONS: IOptions & { allowedEmptyAttributes: string[] } = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { '*': GLOBAL_ATTRIBUTES, ...Object.fromEntries(TAG_ATTRIBUTES) },
  // URLs are checked by the attribute policy in transformTags, not by scheme lists.
  allowedSchemes: ['http', 'https', 'mailto', 'data'],
  allowProtocolRelative: true,
  // An empty link destination (`[link]()`) stays a link to the page itself, as in CommonMark.
  allowedEmptyAttributes: ['alt', 'href'],
  allowedSchemesAppliedToAttributes: [],
  // The deck's own comment attributes were consumed earlier; any other comment is dropped quietly.
  disallowedTagsMode: 'discard',
  parser: HTML_PARSER,
}

/**
 * Sanitises a slide's whole HTML: elements and attributes off the allow-list are removed (the
 * caller hears `removed`), an attribute the policy refuses is removed (`refused`), and stray
 * closing tags are dropped by the parser, so the result is one balanced fragment.
 */
export function sanitizeSlideHtml(html: string, policy: SlideHtmlPolicy): string {
  const keep = policy.keepTag
  return sanitizeHtml(html, {
    ...OPTIONS,
    allowedTags: keep ? [...ALLOWED_TAGS, keep] : ALLOWED_TAGS,
    onOpenTag(name, attribs) {
      if (name === keep) return
      if (!ALLOWED_TAGS.includes(name)) {
        policy.removed([`<${name}`, `<${name.toUpperCase()}`], `<${name}> element`)
        return
      }
      for (const attr of Object.keys(attribs))
        if (!isAllowedAttribute(name, attr))
          policy.removed([`${attr}=`, attr], `\`${attr}\` attribute on <${name}>`)
    },
    transformTags: {
      '*': (tagName, attribs) => {
        if (tagName === keep) return { tagName, attribs }
        const out: Record<string, string> = {}
        for (const [name, value] of Object.entries(attribs)) {
          if (!isAllowedAttribute(tagName, name)) continue
          const result = policy.attribute(tagName, name, value)
          if ('code' in result) {
            policy.refused([value, `${name}=`], result)
            continue
          }
          out[name] = result.value
        }
        return { tagName, attribs: out }
      },
    },
  })
}
