// The drawing libraries the charts use (d3-scale, d3-shape, qrcode), loaded the first time a chart
// needs one: a deck without charts never loads them, so its build starts faster.
// Synchronous, as markdown-it's rules are: Node's require() loads these ES modules (Node 20.19+).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** d3-scale (scaleLinear, scaleBand). */
export const d3Scale = (): typeof import('d3-scale') =>
  require('d3-scale') as typeof import('d3-scale')

/** d3-shape (line). */
export const d3Shape = (): typeof import('d3-shape') =>
  require('d3-shape') as typeof import('d3-shape')

/** qrcode's create() (QR codes drawn into SVG). */
export const qrcode = (): typeof import('qrcode') => require('qrcode') as typeof import('qrcode')
