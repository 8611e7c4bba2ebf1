// The drawing library the cards use (qrcode), loaded the first time a card needs it: a deck without
// one never loads it, so its build starts faster.
// Synchronous, as markdown-it's rules are: Node's require() loads it (Node 20.19+).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** qrcode's create() (QR codes drawn into SVG). */
export const qrcode = (): typeof import('qrcode') => require('qrcode') as typeof import('qrcode')
