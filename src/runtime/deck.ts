// Boots reveal.js on the slides already in the page, configured for the page's mode, and binds
// the page's controllers (the frame, the reading-view bar, the keys, the speaker-view link…: the
// list is controllers.ts).
import Reveal from 'reveal.js'
import type { RevealConfig, RevealPlugin } from 'reveal.js'
import type { DeckActions } from './controller.ts'
import { Runtime } from './controllers.ts'
import { fastSteps } from './fast-steps.ts'
import { deckSlug, type DeckMeta } from './meta.ts'
import { forcedPresent, SCROLL_ACTIVATION_WIDTH, SLIDE_MARGIN, type PageMode } from './mode.ts'
import { toggleSearch } from './plugins.ts'
import { settleReading } from './reading.ts'
import { scrollViewFixes } from './scroll-fix.ts'
import type { SpeakerLinkController } from './speaker/link.ts'
import { toggleTheme } from './theme-mode.ts'
import type { Deck } from './types.ts'

/** reveal.js settings for a mode. */
export function revealConfig(
  mode: PageMode,
  reducedMotion: boolean,
  plugins: RevealPlugin[] = [],
): RevealConfig {
  const still = reducedMotion || mode === 'preview' || mode === 'print'
  const config: RevealConfig = {
    // Every slide has a stable id, so the URL names the slide and a reload keeps it: history.ts
    // writes it (reveal.js's hash and history writing lays the slide out twice a step).
    hash: false,
    history: false,
    respondToHashChanges: mode !== 'preview',
    width: 1280,
    height: 720,
    // Slides further than this from the current one are display:none (reveal.js's default 3
    // keeps two on each side laid out; a slide transition needs only the neighbours).
    viewDistance: 2,
    margin: mode === 'present' || mode === 'read' ? SLIDE_MARGIN : 0,
    center: false,
    // A shown slide is a flex column, so that src/theme/theme.css can balance what is on it.
    display: 'flex',
    // The frame has the slide number, the progress dots and the controls.
    controls: false,
    progress: false,
    slideNumber: false,
    transition: still ? 'none' : 'slide',
    backgroundTransition: still ? 'none' : 'fade',
    // Our speaker view talks to the deck with its own messages (checked senders).
    postMessage: false,
    view: mode === 'read' ? 'scroll' : mode === 'print' ? 'print' : null,
    scrollActivationWidth:
      mode === 'present' && !forcedPresent()
        ? SCROLL_ACTIVATION_WIDTH
        : (null as unknown as number),
    scrollLayout: 'compact',
    scrollSnap: 'proximity',
    scrollProgress: 'auto',
    // PDF: one page per slide, every fragment shown.
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    plugins: [scrollViewFixes(), ...plugins],
  }
  if (mode === 'preview')
    Object.assign(config, {
      keyboard: false,
      touch: false,
      overview: false,
      help: false,
      jumpToSlide: false,
      history: false,
      mouseWheel: false,
      previewLinks: false,
    } satisfies RevealConfig)
  return config
}

function toggleFullscreen(deck: Deck): void {
  if (document.fullscreenElement) void document.exitFullscreen()
  else void (deck.getViewportElement() ?? document.documentElement).requestFullscreen()
}

/**
 * Starts reveal.js on the slides in the page, then binds the page's controllers (controllers.ts);
 * resolves when the first slide shows. `bound` resolves once the controllers that load a module
 * (the explorer, print) are bound too.
 */
export async function startDeck(
  mode: PageMode,
  meta: DeckMeta,
): Promise<{ deck: Deck; runtime: Runtime; bound: Promise<void> }> {
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  const root = document.querySelector<HTMLElement>('.reveal')!
  // Less work per step (fast-steps.ts); print lays out every slide at once.
  const steps = fastSteps()
  const plugins = mode === 'print' ? [] : [steps.plugin]
  const deck = new Reveal(root, revealConfig(mode, reducedMotion, plugins)) as Deck

  // The slide the URL names: reveal.js forgets it when a narrow screen switches it to the
  // reading view while it starts.
  const wanted = decodeURIComponent(location.hash.replace(/^#\/?/, '').split('/')[0] ?? '')
  await deck.initialize()
  if (deck.isScrollView()) await settleReading(deck)
  const target = wanted ? document.getElementById(wanted) : null
  if (
    deck.isScrollView() &&
    target?.matches('.slides section') &&
    deck.getCurrentSlide() !== target
  ) {
    const { h, v } = deck.getIndices(target)
    deck.slide(h, v)
  }

  const actions: DeckActions = {
    openSpeaker() {
      const link = runtime.get<SpeakerLinkController>('speaker-link')
      if (link && !link.open()) notify(deck, 'The browser blocked the speaker view: allow pop-ups.')
    },
    toggleSearch: () => void toggleSearch(deck),
    toggleFullscreen: () => toggleFullscreen(deck),
    toggleTheme,
  }
  const runtime = new Runtime({
    deck,
    mode,
    meta,
    slug: deckSlug(meta),
    steps: steps.control,
    actions,
  })
  const bound = runtime.bind()
  return { deck, runtime, bound }
}

/** A short message over the deck (e.g. a blocked pop-up), announced to screen readers. */
function notify(deck: Deck, text: string): void {
  const root = deck.getRevealElement()!
  let box = root.querySelector<HTMLElement>('.deck-notice')
  if (!box) {
    box = document.createElement('p')
    box.className = 'deck-notice'
    box.setAttribute('role', 'status')
    root.append(box)
  }
  box.textContent = text
  setTimeout(() => box.remove(), 6000)
}
