// URLs: which URLs an attribute may link to (https:, http:, mailto:, #/slide-id, a relative page)
// and which it may load into the page (only local files, checked by the caller, and real images as
// `data:`): never a script scheme, never a remote load (the deck works offline).
import type { Refusal } from './refusal.ts'

/** How an attribute uses its URL: loads it into the page, or links to it. */
export type UrlUse = 'load' | 'link'

/** What a URL is, as far as the policy cares. */
export type UrlKind =
  | { kind: 'fragment' }
  | { kind: 'local'; path: string }
  | { kind: 'data' }
  | { kind: 'scheme'; scheme: string }
  | { kind: 'protocol-relative' }

/**
 * Classifies a URL the way a browser will read it: leading and embedded ASCII whitespace and
 * control characters are dropped before the scheme is read (so ` java\tscript:` is `javascript:`),
 * and HTML character references must already be decoded.
 */
export function classifyUrl(value: string): UrlKind {
  // eslint-disable-next-line no-control-regex
  const v = value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '')
  if (v.startsWith('#')) return { kind: 'fragment' }
  if (/^[\\/]{2}/.test(v)) return { kind: 'protocol-relative' }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase()
  if (scheme === 'data') return { kind: 'data' }
  if (scheme) return { kind: 'scheme', scheme }
  return { kind: 'local', path: v }
}

const LINK_SCHEMES = ['https', 'http', 'mailto']

/**
 * Whether a link may point there: `https:`, `http:`, `mailto:`, a fragment (`#/slide-id`) or a
 * relative page link; never `javascript:`, `vbscript:`, `file:`, `data:` or another scheme.
 */
export function checkLink(value: string): Refusal | undefined {
  const url = classifyUrl(value)
  if (url.kind === 'fragment' || url.kind === 'local') return undefined
  if (url.kind === 'scheme' && LINK_SCHEMES.includes(url.scheme)) return undefined
  if (url.kind === 'protocol-relative')
    return { code: 'url-scheme', message: `link \`${value}\` has no scheme: write https://` }
  return {
    code: 'url-scheme',
    message: `link \`${value}\`: a \`${url.kind === 'data' ? 'data' : url.kind === 'scheme' ? url.scheme : ''}:\` URL is not allowed (links may be https:, http:, mailto: or #/slide-id)`,
  }
}

/**
 * Why a URL may not be loaded into the page without looking at files: a remote load (the deck
 * works offline and loads nothing from elsewhere), a script scheme, or a fragment. Local paths and
 * `data:` images are checked against the files and bytes by the caller.
 */
export function refuseLoad(value: string, what: string): Refusal | undefined {
  const url = classifyUrl(value)
  if (url.kind === 'local' || url.kind === 'data') return undefined
  if (url.kind === 'fragment')
    return { code: 'url-scheme', message: `${what} \`${value}\` is not a file` }
  if (
    url.kind === 'protocol-relative' ||
    ['http', 'https', 'ftp', 'ws', 'wss'].includes(url.kind === 'scheme' ? url.scheme : '')
  )
    return {
      code: 'remote-load',
      message: `${what} \`${value}\` is not a local file; the deck must work offline, so save it under assets/`,
    }
  return {
    code: 'url-scheme',
    message: `${what} \`${value}\`: a \`${(url as { scheme: string }).scheme}:\` URL is not allowed`,
  }
}

/** The scheme of a URL that runs script (`javascript`, `vbscript`), or undefined. */
export function scriptScheme(value: string): string | undefined {
  const url = classifyUrl(value)
  return url.kind === 'scheme' && (url.scheme === 'javascript' || url.scheme === 'vbscript')
    ? url.scheme
    : undefined
}
