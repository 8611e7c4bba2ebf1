// Images' signatures: a deck publishes only real images (and MP4/WebM videos), by name and by
// content, so a text file named `.png` never reaches the site.
import { extname } from 'node:path'
import type { Refusal } from './refusal.ts'

/** The image formats a deck may publish. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg'

const EXTENSIONS = new Map<string, ImageFormat>([
  ['.png', 'png'],
  ['.jpg', 'jpeg'],
  ['.jpeg', 'jpeg'],
  ['.gif', 'gif'],
  ['.webp', 'webp'],
  ['.avif', 'avif'],
  ['.svg', 'svg'],
])

export const MIME: Readonly<Record<ImageFormat, string>> = {
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
  return EXTENSIONS.get(extname(name).toLowerCase())
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
      message: `\`${ref}\` is not an image file (allowed: ${[...EXTENSIONS.keys()].join(' ')})`,
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
