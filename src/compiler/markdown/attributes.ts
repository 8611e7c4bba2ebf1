// The URL and CSS policy for every attribute a deck sets: on Markdown's own elements (through
// `{…}` attributes and `<!-- .element -->` comments), on the slide (`<!-- .slide -->`), and in raw
// HTML (the sanitizer calls policeAttribute). Loads must be local assets that exist and are what
// they claim; links may be https:, http:, mailto: or #/slide-id; a refusal is an error at the
// attribute's place.
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import { loadUrl, type AssetContext, type LoadKind } from '../assets.ts'
import { checkLink, cssUrls, refuseCss, type Refusal } from '../policy.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'

/** Attributes that load a file into the page, and what kind of file. */
const LOADS: Record<string, LoadKind> = {
  src: 'media',
  'data-src': 'media',
  poster: 'image',
  'data-background-image': 'image',
  'data-background-video': 'video',
  'data-preview-image': 'image',
  'data-preview-video': 'video',
}

/** Attributes that make reveal.js load a page in an iframe: never (a deck loads no documents). */
const FRAMES = ['data-background-iframe', 'data-preview-link', 'data-src-iframe']

/** Attributes whose value is CSS. */
const CSS_VALUES = ['style', 'data-background', 'data-background-color', 'data-background-gradient']

/** The asset context of the slide being rendered. */
export function assetContext(env: RenderEnv): AssetContext {
  return {
    fromFile: env.file.absPath,
    roots: env.roots,
    assetsDir: env.assetsDir,
    inline: env.inlineAssets,
    published: env.assets,
  }
}

/** CSS a deck wrote, with each `url()` it loads published (or the first refusal). */
function policeCss(css: string, env: RenderEnv, what: string): { value: string } | Refusal {
  const refused = refuseCss(css)
  if (refused) return refused
  let out = ''
  let from = 0
  for (const u of cssUrls(css)) {
    const loaded = loadUrl(u.url, 'image', `${what} url()`, assetContext(env))
    if ('code' in loaded) return loaded
    out += `${css.slice(from, u.start)}url("${loaded.url}")`
    from = u.end
  }
  return { value: out + css.slice(from) }
}

/**
 * Checks one attribute a deck set and returns the value to write (URLs of loads replaced by the
 * published asset's), or the refusal. Attributes the policy does not know pass unchanged: the
 * sanitizer's allow-list decides which names may appear at all.
 */
export function policeAttribute(
  tag: string,
  name: string,
  value: string,
  env: RenderEnv,
): { value: string } | Refusal {
  const attr = name.toLowerCase()
  if (/^on/.test(attr))
    return { code: 'html-removed', message: `event handler \`${name}\` on <${tag}> is not allowed` }
  if (FRAMES.includes(attr))
    return {
      code: 'remote-load',
      message: `\`${name}\` loads a page in a frame; a deck may not (link to it instead)`,
    }
  if (attr === 'href' || attr === 'cite' || attr === 'data-background-link') {
    const bad = checkLink(value)
    return bad ?? { value }
  }
  if (attr === 'srcset') {
    const parts: string[] = []
    for (const candidate of value.split(',')) {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/)
      if (!url) continue
      const loaded = loadUrl(url, 'image', `<${tag} srcset>`, assetContext(env))
      if ('code' in loaded) return loaded
      parts.push([loaded.url, ...descriptor].join(' '))
    }
    return { value: parts.join(', ') }
  }
  const kind = LOADS[attr]
  if (kind) {
    const loaded = loadUrl(
      value,
      tag === 'video' ? 'video' : kind,
      `<${tag} ${attr}>`,
      assetContext(env),
    )
    return 'code' in loaded ? loaded : { value: loaded.url }
  }
  if (CSS_VALUES.includes(attr)) {
    // `data-background="image.png"`: reveal.js's shorthand takes a path as well as a colour.
    if (attr === 'data-background' && /^[^\s()]+\.[a-z0-9]{2,5}([?#]\S*)?$/i.test(value.trim())) {
      const loaded = loadUrl(value, 'image', `<${tag} ${attr}>`, assetContext(env))
      return 'code' in loaded ? loaded : { value: loaded.url }
    }
    return policeCss(value, env, `\`${name}\``)
  }
  return { value }
}

/** Where in the slide body an attribute value was written (best effort: its first occurrence). */
export function offsetOfValue(env: RenderEnv, value: string, fallback: number): number {
  const at = value ? env.body.indexOf(value) : -1
  return at >= 0 ? at : fallback
}

const lineOffset = (body: string, line: number): number => {
  let offset = 0
  for (let i = 0; i < line && offset >= 0; i++) offset = body.indexOf('\n', offset) + 1
  return Math.max(0, offset)
}

/** Core rule `deck_attributes`: every attribute of every token, and the slide's, through the policy. */
function policeTokens(state: StateCore): void {
  const env = envOf(state.env)
  const visit = (token: Token, line: number): void => {
    const placed =
      token.type === 'image' && (token.meta as { deckImage?: boolean } | null)?.deckImage
    if (token.attrs)
      token.attrs = token.attrs.flatMap(([name, value]) => {
        // An image's src was resolved by the images rule (markdown/images.ts).
        if (placed && name === 'src') return [[name, value] as [string, string]]
        const result = policeAttribute(token.tag || 'span', name, String(value), env)
        if ('code' in result) {
          reportAt(
            env,
            offsetOfValue(env, String(value), lineOffset(env.body, line)),
            result.code,
            result.message,
          )
          return []
        }
        return [[name, result.value] as [string, string]]
      })
    for (const child of token.children ?? []) visit(child, line)
  }
  for (const token of state.tokens) visit(token, token.map?.[0] ?? 0)
  for (const [name, value] of Object.entries(env.slideAttrs)) {
    if (name === 'id' || name === 'class') continue
    const result = policeAttribute('section', name, value, env)
    if ('code' in result) {
      reportAt(env, offsetOfValue(env, value, 0), result.code, result.message)
      delete env.slideAttrs[name]
    } else env.slideAttrs[name] = result.value
  }
}

export function attributesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_attributes', policeTokens)
}
