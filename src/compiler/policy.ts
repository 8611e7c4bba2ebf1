// The file-access and URL policies every stage asks: which files a deck may read (after following
// symlinks, inside the deck's folder, slides/_shared/ or assets/), which files are published as
// images (by name and by content), which URLs an attribute may load or link, and which CSS a deck
// may write. A deck is untrusted input: a pull request from anyone.
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path'

/** Where a deck may read from: absolute, real (symlink-free) paths. */
export interface Roots {
  /** The project root (the Vite root): `/x` in a deck means `<root>/x`. */
  root: string
  /** The folders a deck may read: its own folder, slides/_shared/, assets/. */
  dirs: string[]
}

/** A refusal: a stable diagnostic code and a message that names only what the deck wrote. */
export interface Refusal {
  code: string
  message: string
}

const realOrSelf = (path: string): string => {
  try {
    return realpathSync.native(path)
  } catch {
    return resolve(path)
  }
}

/**
 * The roots of a deck in `deckDir`: its folder, the `_shared` folder beside it (slides/_shared/ for
 * a session in slides/) and `assetsDir`.
 */
export function deckRoots(root: string, deckDir: string, assetsDir: string): Roots {
  const dirs = [deckDir, resolve(deckDir, '..', '_shared'), assetsDir].map(realOrSelf)
  return { root: realOrSelf(root), dirs: [...new Set(dirs)] }
}

/** Whether `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..')
}

const inRoots = (path: string, roots: Roots): boolean => roots.dirs.some((d) => isInside(path, d))

/** Why a path cannot be opened, in words a deck author can act on. */
function fsRefusal(err: unknown, ref: string): Refusal {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ELOOP') return { code: 'path-loop', message: `\`${ref}\` is a symbolic link loop` }
  if (code === 'EACCES' || code === 'EPERM')
    return { code: 'path-unreadable', message: `\`${ref}\` cannot be read` }
  return { code: 'missing-file', message: `\`${ref}\` not found` }
}

/**
 * Resolves a path a deck wrote to a real file inside its roots. `/x` is project-root relative;
 * anything else is relative to `fromDir`, then to each of `fallbackDirs` (images: assets/).
 * Traversal out of the roots and symlinks that leave them are refused (`path-outside`); a link
 * loop or an unreadable file is a refusal too, never an exception.
 */
export function resolveDeckPath(
  ref: string,
  fromDir: string,
  roots: Roots,
  fallbackDirs: string[] = [],
): { path: string } | Refusal {
  if (ref === '' || ref.includes('\0'))
    return { code: 'missing-file', message: 'empty or invalid path' }
  if (/^[a-z]:[\\/]/i.test(ref) || ref.startsWith('\\') || ref.startsWith('//'))
    return { code: 'path-outside', message: `\`${ref}\` is outside the deck's folders` }
  const candidates = ref.startsWith('/')
    ? [resolve(roots.root, '.' + ref)]
    : [fromDir, ...fallbackDirs].map((d) => resolve(d, ref))
  let refusal: Refusal | undefined
  const tried: string[] = []
  for (const candidate of candidates) {
    // The lexical path first: `../../etc` never gets as far as the file system.
    if (!inRoots(realOrSelf(dirname(candidate)), roots) && !inRoots(candidate, roots)) {
      refusal ??= {
        code: 'path-outside',
        message: `\`${ref}\` is outside the deck's folders (the deck, slides/_shared/, assets/)`,
      }
      continue
    }
    tried.push(relative(process.cwd(), candidate).split(sep).join('/') || '.')
    let real: string
    try {
      real = realpathSync.native(candidate)
    } catch (err) {
      const why = fsRefusal(err, ref)
      if (why.code !== 'missing-file') return why
      continue
    }
    if (!inRoots(real, roots))
      return {
        code: 'path-outside',
        message: `\`${ref}\` is a link to a file outside the deck's folders`,
      }
    try {
      if (!statSync(real).isFile()) continue
    } catch (err) {
      return fsRefusal(err, ref)
    }
    return { path: real }
  }
  return (
    refusal ?? {
      code: 'missing-file',
      message: `\`${ref}\` not found${tried.length ? ` (looked for ${tried.join(', ')})` : ''}`,
    }
  )
}

/** Reads a file the policy resolved; a read error is a refusal. */
export function readDeckFile(path: string, ref: string): Buffer | Refusal {
  try {
    return readFileSync(path)
  } catch (err) {
    return fsRefusal(err, ref)
  }
}

// Images ----------------------------------------------------------------------------------------

/** The image formats a deck may publish. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg'

const EXTENSIONS: Record<string, ImageFormat> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.gif': 'gif',
  '.webp': 'webp',
  '.avif': 'avif',
  '.svg': 'svg',
}

export const MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
}

/** What the bytes are, by their signature (SVG: an XML document whose root element is `<svg>`). */
export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])))
    return 'png'
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif'
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp'
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = b.subarray(8, 12).toString('latin1')
    if (brand === 'avif' || brand === 'avis') return 'avif'
  }
  const head = b
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  // XML declaration, comments and a doctype may come before the root element.
  const root = head.replace(/^\s*(<\?xml[^>]*\?>\s*|<!--[^]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '')
  if (/^<svg[\s>]/.test(root)) return 'svg'
  return undefined
}

/** The format a file name says, or undefined for a name that is no image's. */
export function imageFormatOfName(name: string): ImageFormat | undefined {
  return EXTENSIONS[extname(name).toLowerCase()]
}

/**
 * Checks that `bytes`, named `ref`, is the image its name says: the extension must be an image's
 * and the content must parse as that format (a `.png` that is text is refused).
 */
export function checkImage(bytes: Uint8Array, ref: string): { format: ImageFormat } | Refusal {
  const named = imageFormatOfName(ref.split(/[?#]/)[0]!)
  if (!named)
    return {
      code: 'not-an-image',
      message: `\`${ref}\` is not an image file (allowed: ${Object.keys(EXTENSIONS).join(' ')})`,
    }
  const actual = sniffImage(bytes)
  if (actual !== named)
    return {
      code: 'not-an-image',
      message: `\`${ref}\` is named as ${named.toUpperCase()} but its content is ${actual ? actual.toUpperCase() : 'not an image'}`,
    }
  return { format: actual }
}

/** Videos a slide background may play: by name and signature. */
export function checkVideo(bytes: Uint8Array, ref: string): Refusal | undefined {
  const ext = extname(ref.split(/[?#]/)[0]!).toLowerCase()
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const mp4 = b.length >= 8 && b.subarray(4, 8).toString('latin1') === 'ftyp'
  const webm = b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3
  if ((ext === '.mp4' && mp4) || (ext === '.webm' && webm)) return undefined
  return { code: 'not-a-video', message: `\`${ref}\` is not an MP4 or WebM video` }
}

/** `data:image/…;base64,…` with a format and content that agree, else a refusal. */
export function checkDataImage(url: string): { format: ImageFormat } | Refusal {
  const m = /^data:image\/(png|gif|jpeg|webp|avif)(;base64)?,(.*)$/is.exec(url.trim())
  const refusal = {
    code: 'url-scheme',
    message: '`data:` URLs may only be base64 PNG, JPEG, GIF, WebP or AVIF images',
  }
  if (!m || !m[2]) return refusal
  const bytes = Buffer.from(m[3]!, 'base64')
  return sniffImage(bytes) === (m[1]!.toLowerCase() as ImageFormat)
    ? { format: m[1]!.toLowerCase() as ImageFormat }
    : { ...refusal, message: `\`data:image/${m[1]}\` URL whose content is not that image` }
}

// URLs ------------------------------------------------------------------------------------------

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

// CSS -------------------------------------------------------------------------------------------

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

/**
 * What a deck's CSS (a `style` attribute, or an SVG's `<style>`) may not contain: escapes and
 * comments (which could hide a URL or a property from these checks), `@import`, `expression()`,
 * `behavior`/`-moz-binding`, script URLs, and fixed or sticky positioning (a deck may not lay
 * anything over the page outside its slide).
 */
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
