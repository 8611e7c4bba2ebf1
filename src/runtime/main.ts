// Browser entry: picks the page's mode from its URL (presentation, reading view, print, speaker
// view, or a slide preview inside the speaker view) and starts it: reveal.js and the page's
// controllers (controllers.ts), or the speaker view. No Markdown or TeX runs here: the slides,
// their math and notes are already in the page.
import 'reveal.js/reset.css'
import 'reveal.js/reveal.css'
import 'katex/dist/katex.min.css'
import '@fontsource-variable/inter/index.css'
import '../theme/code-font.css'
import '../theme/theme.css'
import '../theme/frame.css'
import '../theme/code.css'
import '../theme/graphics.css'
import '../theme/reading.css'
import '../theme/first-paint.css'
import '../theme/print.css'
import { loadDeckFonts } from './fonts.ts'
import { readMeta } from './meta.ts'
import { pageMode } from './mode.ts'
import { initTheme } from './theme-mode.ts'
import { UPDATE_EVENT, type DeckUpdate } from '../shared/events.ts'

/**
 * Resolves once the next frame is on screen: the frame after it has begun (the browser starts a
 * frame once the one before is presented), or after 100 ms in a page that is not rendering (a
 * background tab has no frames).
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))
    setTimeout(resolve, 100)
  })
}

initTheme()
const mode = pageMode()
const meta = readMeta()

if (mode === 'speaker') {
  const [{ SpeakerView }, { swapSlides }] = await Promise.all([
    import('./speaker/view.ts'),
    import('./hmr.ts'),
  ])
  const view = new SpeakerView(meta)
  view.bind()
  Object.assign(window, { deckRuntime: view })
  // Dev: the notes come from this page's copy of the slides: an edit goes into it, and the view
  // renders again. Another deck's update is not for this presenter (the dev server serves every
  // session).
  import.meta.hot?.on(UPDATE_EVENT, (update: DeckUpdate) => {
    if (update.slug !== meta.slug) return
    if (swapSlides(view.slides, update)) view.render()
    else location.reload()
  })
} else {
  // Dev: an edit saved while reveal.js is still starting (say, just after a reload) must not be
  // lost, so the listener is there from the start and its updates wait for the deck.
  const early: DeckUpdate[] = []
  let onUpdate = (update: DeckUpdate): void => void early.push(update)
  import.meta.hot?.on(UPDATE_EVENT, (update: DeckUpdate) => onUpdate(update))
  // The presentation's slide 1 and frame are already laid out by the page's CSS: let the browser
  // paint them first, then load and start reveal.js (first paint needs no script, and the page's
  // first bytes go to slide 1's styles and fonts, not to reveal.js).
  if (mode === 'present') {
    // Slide 1 is shown in its fonts (preloaded) in the frame after they load; a font that takes
    // over a second is not waited for.
    await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 1000))])
    await afterNextPaint()
  }
  // Where slides are stepped through: every face they use, fetched beside reveal.js, so that
  // they are in before the first step (fonts.ts).
  const slides = document.querySelector<HTMLElement>('.reveal .slides')
  if (slides && (mode === 'present' || mode === 'preview')) loadDeckFonts(slides)
  // The live-update code only where updates come (the dev server).
  const [{ startDeck }, hmr] = await Promise.all([
    import('./deck.ts'),
    import.meta.hot ? import('./hmr.ts') : undefined,
  ])
  // reveal.js, then the page's controllers (controllers.ts).
  const { deck, runtime } = await startDeck(mode, meta)
  performance.mark('deck-ready')
  document.documentElement.dataset.deckReady = 'true'
  document.documentElement.dataset.deckMode = mode
  // For tests and the browser console.
  Object.assign(window, { deck, deckRuntime: runtime })
  // A live update: the slides swapped in, then every controller renders again.
  if (hmr) onUpdate = (update) => void runtime.change(() => hmr.applyUpdate(deck, update))
  for (const update of early.splice(0)) onUpdate(update)
}
