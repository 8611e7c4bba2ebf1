// Raw HTML in slides: an allow-list sanitizer (sanitize-html) at build time; each removal is a
// positioned warning. Markdown itself never produces unsafe HTML (markdown-it escapes text and
// refuses javascript: links), so only the author's raw HTML tokens go through here.
import type { MarkdownIt } from 'markdown-it'
import sanitizeHtml, { type IOptions } from 'sanitize-html'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { resolveImage } from './images.ts'
import { inlineOffsetMapper } from './positions.ts'

/** Tags a slide's raw HTML may use: text structure, tables, figures, details. */
export const ALLOWED_TAGS = [
  'a',
  'abbr',
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
const OPTIONS: IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': GLOBAL_ATTRIBUTES,
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    time: ['datetime'],
    ol: ['start', 'reversed'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // `data:` only for images, and only image types (checked in `transformTags.img` below).
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  // Our own comment attributes were consumed earlier; any other comment is dropped quietly.
  disallowedTagsMode: 'discard',
}

const isAllowedAttribute = (tag: string, name: string): boolean => {
  const list = [
    ...GLOBAL_ATTRIBUTES,
    ...((OPTIONS.allowedAttributes as Record<string, string[]>)[tag] ?? []),
  ]
  return list.some((a) => (a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name))
}

/** Why a URL attribute would be removed, if it would. */
function badUrl(tag: string, value: string): string | undefined {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  if (!scheme) return value.trim().startsWith('//') ? 'protocol-relative URL' : undefined
  if (tag === 'img' && scheme === 'data')
    return /^\s*data:image\/(png|gif|jpeg|webp|avif)[;,]/i.test(value)
      ? undefined
      : '`data:` URL that is not an image'
  return ['http', 'https', 'mailto'].includes(scheme) ? undefined : `\`${scheme}:\` URL`
}

/** Sanitizes one raw HTML token and reports what it removes at `offset` in the slide body. */
function clean(html: string, env: RenderEnv, offset: number): string {
  const removed: string[] = []
  const out = sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag(name, attribs) {
      if (!ALLOWED_TAGS.includes(name)) {
        removed.push(`<${name}> element`)
        return
      }
      for (const [attr, value] of Object.entries(attribs)) {
        if (!isAllowedAttribute(name, attr)) removed.push(`\`${attr}\` attribute on <${name}>`)
        else if (attr === 'href' || attr === 'src') {
          const why = badUrl(name, value)
          if (why) removed.push(`${why} in <${name} ${attr}>`)
        }
      }
    },
    transformTags: {
      // Raw <img> sources resolve like Markdown images: next to the file, then in assets/.
      img: (tagName, attribs) => {
        const src = attribs.src ?? ''
        if (/^\s*data:/i.test(src)) {
          if (badUrl('img', src) === undefined) return { tagName, attribs }
          const { src: _dropped, ...rest } = attribs
          return { tagName, attribs: rest }
        }
        if (!src) return { tagName, attribs }
        const resolved = resolveImage(src, env)
        if ('error' in resolved) reportAt(env, offset, resolved.code, resolved.error)
        return { tagName, attribs: 'url' in resolved ? { ...attribs, src: resolved.url } : attribs }
      },
    },
  })
  for (const what of new Set(removed))
    reportAt(
      env,
      offset,
      'html-removed',
      `removed ${what} from raw HTML (not on the allow-list)`,
      'warning',
      'use Markdown, or an allowed tag: see CONTRIBUTING.md',
    )
  return out
}

/** Renders an inline HTML fragment (`<span class="x">`, `</span>`): sanitized without closing it. */
function cleanInline(html: string, env: RenderEnv, offset: number): string {
  const open = /^<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>$/.exec(html)
  if (
    open &&
    !/\/>$/.test(html) &&
    ALLOWED_TAGS.includes(open[1]!.toLowerCase()) &&
    !['br', 'hr', 'img', 'wbr'].includes(open[1]!.toLowerCase())
  ) {
    const closing = `</${open[1]!.toLowerCase()}>`
    const out = clean(html + closing, env, offset)
    return out.endsWith(closing) ? out.slice(0, -closing.length) : out
  }
  const close = /^<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>$/.exec(html)
  if (close) {
    if (ALLOWED_TAGS.includes(close[1]!.toLowerCase())) return `</${close[1]!.toLowerCase()}>`
    return ''
  }
  return clean(html, env, offset)
}

function lineOffset(body: string, line: number): number {
  let offset = 0
  for (let i = 0; i < line; i++) offset = body.indexOf('\n', offset) + 1
  return offset
}

export function sanitizePlugin(md: MarkdownIt): void {
  md.renderer.rules.html_block = (tokens, idx, _options, env) => {
    const e = envOf(env)
    const token = tokens[idx]!
    if (token.content.trim() === '') return ''
    return clean(token.content, e, lineOffset(e.body, token.map?.[0] ?? 0))
  }
  md.renderer.rules.html_inline = (tokens, idx, _options, env) => {
    const token = tokens[idx]!
    if (token.content === '') return ''
    const e = envOf(env)
    const meta = token.meta as { bodyOffset?: number } | null
    return cleanInline(token.content, e, meta?.bodyOffset ?? 0)
  }
  // Inline HTML tokens carry no position: find each in its inline content, once per parse.
  md.core.ruler.push('deck_html_positions', (state) => {
    const env = envOf(state.env)
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children?.some((c) => c.type === 'html_inline'))
        continue
      const toBody = inlineOffsetMapper(block, env.body)
      let from = 0
      for (const child of block.children) {
        if (child.type !== 'html_inline' || child.content === '') continue
        const at = block.content.indexOf(child.content, from)
        from = at < 0 ? from : at + child.content.length
        child.meta = { ...(child.meta as object | null), bodyOffset: toBody(Math.max(0, at)) }
      }
    }
  })
}
