// Boots reveal.js on the slides already in the page, configured for the page's mode, and adds
// the frame, the reading-view bar, the keyboard shortcuts and the speaker-view link.
import Reveal from 'reveal.js'
import type { RevealConfig, RevealPlugin } from 'reveal.js'
import { fastSteps, type FastSteps } from './fast-steps.ts'
import { mountFrame, type Frame } from './frame.ts'
import { keepSlideInUrl } from './history.ts'
import { deckSlug, type DeckMeta } from './meta.ts'
import {
  forcedPresent,
  isNarrow,
  SCROLL_ACTIVATION_WIDTH,
  SLIDE_MARGIN,
  viewUrl,
  type PageMode,
} from './mode.ts'
import { bindSearchKey, loadSearch, loadZoom, toggleSearch } from './plugins.ts'
import { mountReadbar } from './readbar.ts'
import { fitGraphicsWhileReading, settleReading } from './reading.ts'
import { scrollViewFixes } from './scroll-fix.ts'
import { linkSpeaker } from './speaker/link.ts'
import { isDeckMessage, isFrom, sameOrigin } from './speaker/protocol.ts'
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

/** A slide preview inside the speaker view: shows what the speaker view asks for, nothing else. */
function actAsPreview(deck: Deck): void {
  document.body.inert = true
  window.addEventListener('message', (event) => {
    if (!isDeckMessage(event.data) || event.data.type !== 'deck:show') return
    if (!isFrom(event, window.parent)) return
    const slide = document.getElementById(event.data.id)
    if (!slide) return
    const { h, v } = deck.getIndices(slide)
    deck.slide(h, v, event.data.fragment)
  })
  window.parent.postMessage({ type: 'deck:preview-ready' }, sameOrigin())
}

function toggleFullscreen(deck: Deck): void {
  if (document.fullscreenElement) void document.exitFullscreen()
  else void (deck.getViewportElement() ?? document.documentElement).requestFullscreen()
}

/** Starts reveal.js and everything around it; resolves when the first slide shows. */
export async function startDeck(
  mode: PageMode,
  meta: DeckMeta,
): Promise<{ deck: Deck; frame: Frame | undefined; steps: FastSteps }> {
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  const root = document.querySelector<HTMLElement>('.reveal')!
  // Less work per step (fast-steps.ts); print lays out every slide at once.
  const steps = fastSteps()
  const plugins = mode === 'print' ? [] : [steps.plugin]
  const deck = new Reveal(root, revealConfig(mode, reducedMotion, plugins)) as Deck
  const slug = deckSlug(meta)

  if (mode === 'print') {
    const withNotes = new URLSearchParams(location.search).has('notes')
    deck.on('pdf-ready', () => {
      void import('./print.ts').then(({ finishPrint }) => finishPrint(deck, withNotes))
    })
  }

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

  let frame: Frame | undefined
  if (mode !== 'print') {
    const speaker = mode === 'preview' ? undefined : linkSpeaker(deck, slug)
    const openSpeaker = (): void => {
      if (speaker && !speaker.open())
        notify(deck, 'The browser blocked the speaker view: allow pop-ups.')
    }
    frame = mountFrame(deck, meta, {
      openSpeaker,
      toggleSearch: () => void toggleSearch(deck),
      toggleFullscreen: () => toggleFullscreen(deck),
      toggleTheme,
    })
    if (mode !== 'preview') {
      deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker view' }, openSpeaker)
      deck.addKeyBinding({ keyCode: 82, key: 'R', description: 'Reading view' }, () => {
        const id = deck.getCurrentSlide()?.id ?? ''
        location.href = deck.isScrollView()
          ? viewUrl('present', id, isNarrow())
          : viewUrl('read', id)
      })
      bindSearchKey(deck, steps.control)
    }
  }

  // Back/forward step through the slides shown; scrolling the reading view adds no history.
  if (mode !== 'print' && mode !== 'preview')
    keepSlideInUrl(deck, mode === 'present' && (forcedPresent() || !isNarrow()))
  if (mode === 'preview') actAsPreview(deck)
  if (mode === 'present' || mode === 'read') {
    mountReadbar(
      deck,
      `./${slug}.pdf`,
      {
        setHandout: async (on) => {
          const { setHandout, keepHandout } = await import('./handout.ts')
          setHandout(deck, on)
          keepHandout(deck)
        },
        toggleTheme,
      },
      meta.shortTitle ?? meta.title,
    )
    fitGraphicsWhileReading(deck)
    // Off the critical path: the plugins the first slide does not need.
    const later = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200))
    later(() => {
      void loadZoom(deck)
      void loadSearch(deck)
    })
  }
  return { deck, frame, steps: steps.control }
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
