// The Beamer-style frame around every slide: a miniframes header (section names, one dot per
// slide) and a footer (presenter, short title, date, n / N, and the deck's controls). Both are
// built from the slides' `data-section` attributes and sit on the 1280x720 canvas.
import { icon, type IconName } from './icons.ts'
import { shortDate, type DeckMeta } from './meta.ts'
import { viewUrl } from './mode.ts'
import { slideTitle } from './slides.ts'
import type { Deck } from './types.ts'

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

interface Group {
  name: string
  slides: { slide: HTMLElement; index: number }[]
}

/** Consecutive slides with the same `data-section`; slides before the first section are left out. */
export function groupSlides(slides: HTMLElement[], fallbackName: string): Group[] {
  const groups: Group[] = []
  slides.forEach((slide, index) => {
    const name = slide.dataset.section
    if (!name) return
    const last = groups.at(-1)
    if (last && last.name === name) last.slides.push({ slide, index })
    else groups.push({ name, slides: [{ slide, index }] })
  })
  if (groups.length === 0 && slides.length > 0)
    groups.push({ name: fallbackName, slides: slides.map((slide, index) => ({ slide, index })) })
  return groups
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  return node
}

function hrefOf(slide: HTMLElement): string {
  return `#/${encodeURIComponent(slide.id)}`
}

/** A footer control: an icon button (or link) with a name and its keyboard shortcut as tooltip. */
function tool(name: IconName, label: string, shortcut?: string, href?: string): HTMLElement {
  const node = href ? el('a', 'deck-tool', { href }) : el('button', 'deck-tool', { type: 'button' })
  node.setAttribute('aria-label', label)
  node.title = shortcut ? `${label} (${shortcut})` : label
  if (shortcut) node.setAttribute('aria-keyshortcuts', shortcut)
  node.dataset.tool = name
  node.innerHTML = icon(name)
  return node
}

/** Builds the header and footer into `.reveal` and keeps them in step with the deck. */
export function mountFrame(deck: Deck, meta: DeckMeta, actions: FrameActions): Frame {
  const root = deck.getRevealElement()!
  const frame = el('div', 'deck-frame')
  const nav = el('nav', 'deck-nav', { 'aria-label': 'Sections' })
  const footer = el('footer', 'deck-footer')
  frame.append(nav, footer)

  const presenter = el('span', 'deck-footer-presenter')
  presenter.textContent = meta.presenter ?? meta.group ?? ''
  const title = el('span', 'deck-footer-title')
  title.textContent = meta.shortTitle ?? meta.title
  const right = el('span', 'deck-footer-right')
  const date = el('span', 'deck-footer-date')
  date.textContent = shortDate(meta.date, meta.lang)
  const count = el('span', 'deck-footer-count')
  const prev = tool('prev', 'Previous slide', 'ArrowLeft')
  const next = tool('next', 'Next slide', 'ArrowRight')
  const read = tool('read', 'Reading view', 'R', '#')
  const tools = el('span', 'deck-tools', { role: 'group', 'aria-label': 'Deck controls' })
  const buttons: [HTMLElement, () => void][] = [
    [prev, () => deck.prev()],
    [next, () => deck.next()],
    [tool('overview', 'Overview of all slides', 'Escape'), () => deck.toggleOverview()],
    [tool('search', 'Search the slides', 'Control+Shift+F'), actions.toggleSearch],
    [tool('speaker', 'Speaker view', 'S'), actions.openSpeaker],
    [tool('fullscreen', 'Full screen', 'F'), actions.toggleFullscreen],
    [tool('theme', 'Dark or light theme'), actions.toggleTheme],
  ]
  for (const [button, run] of buttons) button.addEventListener('click', run)
  tools.append(prev, count, next, ...buttons.slice(2).map(([b]) => b), read)
  right.append(date, tools)
  footer.append(presenter, title, right)

  // Space and Enter on a focused control press the control; they must not also turn the slide.
  frame.addEventListener('keydown', (event) => {
    if ((event.key === ' ' || event.key === 'Enter') && event.target !== frame)
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
    const groups = groupSlides(slides, meta.shortTitle ?? meta.title)
    const list = el('ol', 'deck-nav-sections')
    dots = []
    names = []
    positions = new Map(slides.map((slide, index) => [slide, index]))
    total = slides.length
    for (const group of groups) {
      const item = el('li', 'deck-nav-section')
      const first = group.slides[0]!
      const link = el('a', 'deck-nav-name', { href: hrefOf(first.slide) })
      link.textContent = group.name
      const row = el('ol', 'deck-nav-dots')
      for (const { slide, index } of group.slides) {
        const dot = el('a', 'deck-nav-dot', {
          href: hrefOf(slide),
          'aria-label': `Slide ${index + 1}: ${slideTitle(slide)}`,
          title: slideTitle(slide),
        })
        dots[index] = dot
        const li = el('li', '')
        li.append(dot)
        row.append(li)
      }
      names.push({ item, link, from: first.index, to: group.slides.at(-1)!.index })
      item.append(link, row)
      list.append(item)
    }
    nav.replaceChildren(list)
    const label = el('span', 'deck-sr')
    label.textContent = 'Slide '
    count.replaceChildren(label, countText)
    shown = { index: -1, section: -1, prev: false, next: false, readHref: '' }
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

  root.append(frame)
  rebuild()
  for (const type of ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden'])
    deck.on(type, update)
  return { element: frame, update, rebuild }
}
