// Attributes a deck sets, on Markdown's own elements (`{…}` attributes, `<!-- .element -->`
// comments), on the slide (`<!-- .slide -->`) and in raw HTML: loads must be local assets that
// exist and are what they claim (published under deck-assets/), links may be https:, http:,
// mailto: or #/slide-id, CSS goes through the CSS rules, and no attribute may be an event handler
// or make reveal.js load a page in a frame.
import { loadUrl, type AssetContext, type LoadKind } from './assets.ts'
import { cssUrls, refuseCss } from './css.ts'
import type { Refusal } from './refusal.ts'
import { checkLink } from './urls.ts'

/** Attributes that load a file into the page, and what kind of file. */
const LOADS = new Map<string, LoadKind>([
  ['src', 'media'],
  ['data-src', 'media'],
  ['poster', 'image'],
  ['data-background-image', 'image'],
  ['data-background-video', 'video'],
  ['data-preview-image', 'image'],
  ['data-preview-video', 'video'],
])

/** Attributes that make reveal.js load a page in an iframe: never (a deck loads no documents). */
const FRAMES = ['data-background-iframe', 'data-preview-link', 'data-src-iframe']

/** Attributes whose value is CSS. */
const CSS_VALUES = ['style', 'data-background', 'data-background-color', 'data-background-gradient']

/** CSS a deck wrote, with each `url()` it loads published (or the first refusal). */
function policeCss(css: string, ctx: AssetContext, what: string): { value: string } | Refusal {
  const refused = refuseCss(css)
  if (refused) return refused
  let out = ''
  let from = 0
  for (const u of cssUrls(css)) {
    const loaded = loadUrl(u.url, 'image', `${what} url()`, ctx)
    if ('code' in loaded) return loaded
    out += `${css.slice(from, u.start)}url("${loaded.url}")`
    from = u.end
  }
  return { value: out + css.slice(from) }
}

/**
 * Checks one attribute a deck set and returns the value to write (URLs of loads replaced by the
 * published asset's), or the refusal. Attributes the policy does not know pass unchanged: the
 * sanitizer's allow-list decides which names may appear in raw HTML at all.
 */
export function policeAttribute(
  tag: string,
  name: string,
  value: string,
  ctx: AssetContext,
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
      const loaded = loadUrl(url, 'image', `<${tag} srcset>`, ctx)
      if ('code' in loaded) return loaded
      parts.push([loaded.url, ...descriptor].join(' '))
    }
    return { value: parts.join(', ') }
  }
  const kind = LOADS.get(attr)
  if (kind) {
    const loaded = loadUrl(value, tag === 'video' ? 'video' : kind, `<${tag} ${attr}>`, ctx)
    return 'code' in loaded ? loaded : { value: loaded.url }
  }
  if (CSS_VALUES.includes(attr)) {
    // `data-background="image.png"`: reveal.js's shorthand takes a path as well as a colour.
    if (attr === 'data-background' && /^[^\s()]+\.[a-z0-9]{2,5}([?#]\S*)?$/i.test(value.trim())) {
      const loaded = loadUrl(value, 'image', `<${tag} ${attr}>`, ctx)
      return 'code' in loaded ? loaded : { value: loaded.url }
    }
    return policeCss(value, ctx, `\`${name}\``)
  }
  return { value }
}
