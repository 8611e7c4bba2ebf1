// A small PNG decoder for the browser tests' screenshots (8-bit RGB or RGBA, not interlaced, as
// browsers write them): the pixels as RGBA bytes, to count colours in a screenshot.
import { inflateSync } from 'node:zlib'

/** A decoded image: `data` holds 4 bytes (R, G, B, A) per pixel, row by row. */
export interface Pixels {
  width: number
  height: number
  data: Uint8Array
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)]
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** Decodes a PNG; throws on a kind browsers do not write (palette, 16-bit, interlaced). */
export function decodePng(png: Uint8Array): Pixels {
  const buf = Buffer.from(png)
  if (buf.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG')
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset)
    const type = buf.toString('latin1', offset + 4, offset + 8)
    const body = buf.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]]
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0
      if (depth !== 8 || !channels || interlace !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour})`)
    } else if (type === 'IDAT') idat.push(body)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const rows = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels]! : 0
      const b = y > 0 ? rows[(y - 1) * stride + x]! : 0
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels]! : 0
      const add = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]
      if (add === undefined) throw new Error(`bad PNG filter ${filter}`)
      rows[y * stride + x] = (line[x]! + add) & 0xff
    }
  }
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) data[i * 4 + k] = rows[i * channels + k]!
    data[i * 4 + 3] = channels === 4 ? rows[i * channels + 3]! : 255
  }
  return { width, height, data }
}
