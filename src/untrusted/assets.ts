// Published assets: the local files a deck's slides load (images, videos), read through the
// file-access policy, checked for what they are, and given a fingerprinted name under
// `deck-assets/` (or inlined as a data: URL for the single-file build). An SVG is published
// sanitised. Slide HTML is never Vite input: the Vite plugin writes these files itself.
import { createHash } from 'node:crypto'
import { basename, dirname, extname } from 'node:path'
import { checkDataImage, checkImage, checkVideo, MIME } from './images.ts'
import { readDeckFile, type Roots } from './paths.ts'
import type { Refusal } from './refusal.ts'
import { sanitizeSvg } from './svg.ts'
import { classifyUrl, refuseLoad } from './urls.ts'

/** A file the page loads, as the build writes it. */
export interface PublishedAsset {
  /** `deck-assets/<name>-<hash>.<ext>`, relative to the deck's page; '' when inlined. */
  fileName: string
  /** The URL the page loads it by: `./deck-assets/…`, or a data: URL. */
  url: string
  bytes: Uint8Array
  mime: string
}

/** What publishing needs: where the referencing file is, the roots, and where to record. */
export interface AssetContext {
  /** Absolute path of the Markdown file that references the asset. */
  fromFile: string
  roots: Roots
  /** The second folder a relative path is looked up in (assets/). */
  assetsDir: string
  /** Inline every asset as a data: URL (the single-file build). */
  inline: boolean
  published: PublishedAsset[]
}

/** The folder of published assets in the built deck. */
export const ASSETS_FOLDER = 'deck-assets'

const hash = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('base64url').slice(0, 10)

/** Records `bytes` for publishing and returns the URL the page loads it by. */
export function publish(ctx: AssetContext, name: string, bytes: Uint8Array, mime: string): string {
  const ext = extname(name).toLowerCase()
  const stem =
    basename(name, extname(name))
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .slice(0, 40) || 'asset'
  const fileName = ctx.inline ? '' : `${ASSETS_FOLDER}/${stem}-${hash(bytes)}${ext}`
  const url = ctx.inline
    ? `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`
    : `./${fileName}`
  if (!ctx.published.some((a) => a.url === url)) ctx.published.push({ fileName, url, bytes, mime })
  return url
}

/** A local file a deck names, resolved by the policy and read; or why not. */
export function readLocal(
  ref: string,
  ctx: AssetContext,
): { path: string; bytes: Uint8Array } | Refusal {
  let path = ref.split(/[?#]/)[0]!
  try {
    path = decodeURIComponent(path)
  } catch {
    // A stray `%` stays as written.
  }
  return readDeckFile(path, dirname(ctx.fromFile), ctx.roots, { fallbackDirs: [ctx.assetsDir] })
}

/** What a URL attribute loads. */
export type LoadKind = 'image' | 'video' | 'media'

/**
 * Publishes what `value` loads and returns the URL to write instead, or a refusal: remote loads
 * and script schemes are refused, `data:` must be a real image, a local path must resolve inside
 * the deck's folders and be a real image (or video) by name and content. An SVG is published
 * sanitised.
 */
export function loadUrl(
  value: string,
  kind: LoadKind,
  what: string,
  ctx: AssetContext,
): { url: string } | Refusal {
  // A URL this slide's rules already published (the sanitizer sees the rendered slide again).
  if (ctx.published.some((a) => a.url === value.trim())) return { url: value.trim() }
  const refused = refuseLoad(value, what)
  if (refused) return refused
  const url = classifyUrl(value)
  if (url.kind === 'data') {
    const checked = checkDataImage(value)
    return 'code' in checked ? checked : { url: value.trim() }
  }
  const file = readLocal(value.trim(), ctx)
  if ('code' in file)
    return {
      code: file.code === 'missing-file' ? 'missing-image' : file.code,
      message: `${what} ${file.message}`,
    }
  const name = value.trim().split(/[?#]/)[0]!
  if (kind !== 'image' && /\.(mp4|webm)$/i.test(name)) {
    const bad = checkVideo(file.bytes, value)
    if (bad) return bad
    return {
      url: publish(ctx, name, file.bytes, /\.webm$/i.test(name) ? 'video/webm' : 'video/mp4'),
    }
  }
  if (kind === 'video') return checkVideo(file.bytes, value) ?? { code: 'not-a-video', message: '' }
  const image = checkImage(file.bytes, value)
  if ('code' in image) return image
  if (image.format === 'svg') {
    const clean = sanitizeSvg(Buffer.from(file.bytes).toString('utf8'))
    return { url: publish(ctx, name, Buffer.from(clean.svg), MIME.svg) }
  }
  return { url: publish(ctx, name, file.bytes, MIME[image.format]) }
}

/** What an image a slide shows becomes: a URL for `<img src>`, or an SVG to inline. */
export type ResolvedImage = { url: string } | { svg: string; removed: string[] }

/**
 * Resolves an image reference (Markdown's `![alt](src)`) to what the page shows, or explains why it
 * cannot: remote images and script URLs are refused, a local path must resolve inside the deck's
 * folders and be a real image. An SVG comes back sanitised for inlining, its ids prefixed by a hash
 * of its path (the root's id is that prefix), with what the sanitiser removed.
 */
export function resolveImage(src: string, ctx: AssetContext): ResolvedImage | Refusal {
  const refused = refuseLoad(src, 'image')
  if (refused)
    return refused.code === 'remote-load' ? { ...refused, code: 'remote-image' } : refused
  if (!/\.svg([?#].*)?$/i.test(src.trim()) || /^\s*data:/i.test(src))
    return loadUrl(src, 'image', 'image', ctx)
  const file = readLocal(src.trim(), ctx)
  if ('code' in file)
    return {
      code: file.code === 'missing-file' ? 'missing-image' : file.code,
      message: `image ${file.message}`,
    }
  const image = checkImage(file.bytes, src)
  if ('code' in image) return image
  const prefix = `svg-${createHash('sha1').update(file.path).digest('hex').slice(0, 8)}`
  return sanitizeSvg(Buffer.from(file.bytes).toString('utf8'), prefix, prefix)
}
