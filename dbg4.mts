import { compileDeck } from './src/compiler/index.ts'
import { load } from 'cheerio'
const r = compileDeck('/tmp/mm2/slides/2025-01-01-d', { root: '/tmp/mm2' })
const $ = load(r.deck.slides[0]!.html, null, false)
const svg = $('figure.deck-mermaid > svg').first()
console.log(svg.length, new Set(svg.find('*').map((_, e) => (e as any).tagName).get()))
console.log($('.katex').length, svg.find('.katex').length)
