// Browser entry: boots reveal.js on the slides already in the page (no Markdown, no TeX here).
import Reveal from 'reveal.js'
import Notes from 'reveal.js/plugin/notes'
import 'reveal.js/reset.css'
import 'reveal.js/reveal.css'
import 'katex/dist/katex.min.css'
import '@fontsource-variable/inter/index.css'
import '../theme/theme.css'
import { applyUpdate } from './hmr.ts'

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches

const deck = new Reveal(document.querySelector<HTMLElement>('.reveal')!, {
  // Every slide has a stable id, so the URL names the slide and a reload keeps it.
  hash: true,
  respondToHashChanges: true,
  history: true,
  width: 1280,
  height: 720,
  margin: 0.04,
  center: false,
  controls: true,
  progress: true,
  slideNumber: 'c/t',
  transition: reducedMotion ? 'none' : 'slide',
  backgroundTransition: reducedMotion ? 'none' : 'fade',
  plugins: [Notes],
})

await deck.initialize()
document.documentElement.dataset.deckReady = 'true'
// For tests and the browser console.
Object.assign(window, { deck })
if (document.querySelector('.passk-explorer'))
  void import('./explorer/index.ts').then((m) => m.mountExplorers(deck))

if (import.meta.hot) {
  import.meta.hot.on('deck:update', (update: { slug: string; slides: string; title: string }) =>
    applyUpdate(deck, update),
  )
}
