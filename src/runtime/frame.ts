// The Beamer-style frame around every slide: a miniframes header (section names, one dot per
// slide) and a footer (presenter, short title, date, n / N, and the deck's controls). Both are
// built from the slides' `data-section` attributes and sit on the 1280x720 canvas. The markup
// comes from src/shared/frame.ts, which the build also writes into the page, so the frame is
// painted before any script runs; this module takes it over and keeps it in step with the deck.
import { frameHtml, groupSlides, navHtml, shortDate, type FrameSlide } from '../shared/frame.ts'
import type { DeckMeta } from './meta.ts'
import { viewUrl } from './mode.ts'
import { slideTitle } from './slides.ts'
import type { Deck } from './types.ts'

export { groupSlides }

/** What the footer's buttons do; the runtime wires them to reveal.js and the lazy modules. */
export interface FrameActions {
  openSpeaker(): void
  toggleSearch(): void
  toggleFullscreen(): void
  toggleTheme(): void
}

/** The mounted frame. */
export interface Frame {
  element: HTMLElement
  /** Marks the current section, dot and slide number. */
  update(): void
  /** Rebuilds from the slides in the page (after a live update in dev). */
  rebuild(): void
}

/** What the frame shows of the slides in the page. */
function frameSlides(slides: HTMLElement[]): FrameSlide[] {
  return slides.map((slide) => ({
    id: slide.id,
    section: slide.dataset.section,
    title: slideTitle(slide),
  }))
}

/** Takes over the frame the build wrote into `.reveal` (or renders it) and keeps it in step. */
export function mountFrame(deck: Deck, meta: DeckMeta, actions: FrameActions): Frame {
  const root = deck.getRevealElement()!
  const deckTitle = meta.shortTitle ?? meta.title
  let frame = root.querySelector<HTMLElement>(':scope > .deck-frame')
  if (!frame) {
    const info = {
      presenter: meta.presenter ?? meta.group ?? '',
      title: deckTitle,
      date: shortDate(meta.date, meta.lang),
      readHref: viewUrl('read', ''),
    }
    root.insertAdjacentHTML('beforeend', frameHtml(frameSlides(deck.getSlides()), info))
    frame = root.querySelector<HTMLElement>(':scope > .deck-frame')!
  }
  const element = frame
  const nav = element.querySelector<HTMLElement>('.deck-nav')!
  const count = element.querySelector<HTMLElement>('.deck-footer-count')!
  const tool = (name: string): HTMLElement =>
    element.querySelector<HTMLElement>(`[data-tool="${name}"]`)!
  const prev = tool('prev')
  const next = tool('next')
  const read = tool('read')
  const buttons: [string, () => void][] = [
    ['prev', () => deck.prev()],
    ['next', () => deck.next()],
    ['overview', () => deck.toggleOverview()],
    ['search', actions.toggleSearch],
    ['speaker', actions.openSpeaker],
    ['fullscreen', actions.toggleFullscreen],
    ['theme', actions.toggleTheme],
  ]
  for (const [name, run] of buttons) tool(name).addEventListener('click', run)

  // Space and Enter on a focused control press the control; they must not also turn the slide.
  element.addEventListener('keydown', (event) => {
    if ((event.key === ' ' || event.key === 'Enter') && event.target !== element)
      event.stopPropagation()
  })

  let dots: HTMLAnchorElement[] = []
  let names: { item: HTMLElement; link: HTMLAnchorElement; from: number; to: number }[] = []
  /** Each slide's position, so a step looks its slide up instead of querying every slide. */
  let positions = new Map<HTMLElement, number>()
  let total = 0
  // What the frame shows now: a step changes only the parts whose value changed (issue 13).
  let shown = { index: -1, section: -1, prev: false, next: false, readHref: '' }
  const countText = document.createTextNode('')

  const rebuild = (): void => {
    const slides = deck.getSlides()
    positions = new Map(slides.map((slide, index) => [slide, index]))
    total = slides.length
    // The same markup the build wrote, from the slides now in the page, nothing marked yet.
    nav.innerHTML = navHtml(frameSlides(slides), deckTitle, -1)
    dots = Array.from(nav.querySelectorAll<HTMLAnchorElement>('.deck-nav-dot'))
    const groups = groupSlides(slides, deckTitle)
    names = Array.from(nav.querySelectorAll<HTMLElement>('.deck-nav-section'), (item, i) => ({
      item,
      link: item.querySelector<HTMLAnchorElement>('.deck-nav-name')!,
      from: groups[i]!.slides[0]!.index,
      to: groups[i]!.slides.at(-1)!.index,
    }))
    // Dots by slide index (slides before the first section have none).
    const byIndex: HTMLAnchorElement[] = []
    for (const dot of dots) byIndex[Number(dot.dataset.index)] = dot
    dots = byIndex
    // Keep the screen-reader label the markup has; the text after it is the counter.
    const label = count.querySelector('.deck-sr')
    count.replaceChildren(...(label ? [label] : []), countText)
    shown = {
      index: -1,
      section: -1,
      prev: prev.hasAttribute('disabled'),
      next: next.hasAttribute('disabled'),
      readHref: read.getAttribute('href') ?? '',
    }
    update()
  }

  const update = (): void => {
    const current = deck.getCurrentSlide()
    const index = (current && positions.get(current)) ?? 0
    if (index !== shown.index) {
      dots[shown.index]?.removeAttribute('aria-current')
      dots[index]?.setAttribute('aria-current', 'step')
      countText.data = `${index + 1} / ${total}`
    }
    const section = names.findIndex(({ from, to }) => index >= from && index <= to)
    if (section !== shown.section) {
      const before = names[shown.section]
      if (before) {
        before.item.classList.remove('current')
        before.link.removeAttribute('aria-current')
      }
      const now = names[section]
      if (now) {
        now.item.classList.add('current')
        now.link.setAttribute('aria-current', 'true')
      }
    }
    const atStart = index <= 0
    // Only the last slide asks for its fragments (the one query a step may make, on one slide).
    const atEnd = index >= total - 1 && !deck.availableFragments().next
    if (atStart !== shown.prev) prev.toggleAttribute('disabled', atStart)
    if (atEnd !== shown.next) next.toggleAttribute('disabled', atEnd)
    const readHref = viewUrl('read', current?.id ?? '')
    if (readHref !== shown.readHref) read.setAttribute('href', readHref)
    shown = { index, section, prev: atStart, next: atEnd, readHref }
  }

  rebuild()
  for (const type of ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden'])
    deck.on(type, update)
  return { element, update, rebuild }
}
