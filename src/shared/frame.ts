// The Beamer-style frame's markup, as one string renderer used twice: the build writes it into the
// page (so the first paint has the frame, before any script) and the browser renders
// the same markup again from the slides in the page when it mounts the frame or after a live
// update. Pure: no DOM, no Node. src/runtime/frame.ts wires it to reveal.js.
import { formatSessionDate } from './dates.ts'
import { escapeHtml } from './html.ts'
import { icon, type IconName } from './icons.ts'

/** What the frame shows of one slide. */
export interface FrameSlide {
  id: string
  /** The slide's `data-section`. */
  section?: string
  title: string
}

/** What the footer shows of the deck. */
export interface FrameInfo {
  /** Left: the presenter (or the group). */
  presenter: string
  /** Middle: the short title. */
  title: string
  /** Right: the session's date, formatted (see {@link shortDate}). */
  date: string
  /** The reading view's URL for slide 1 (the runtime keeps it on the current slide). */
  readHref: string
}

/** Consecutive slides of one section. */
export interface SlideGroup<T> {
  name: string
  slides: { slide: T; index: number }[]
}

/**
 * Consecutive slides with the same `section`; slides before the first section are left out. A
 * deck without sections is one group named `fallbackName`.
 */
export function groupSlides<T extends { dataset?: { section?: string }; section?: string }>(
  slides: T[],
  fallbackName: string,
): SlideGroup<T>[] {
  const groups: SlideGroup<T>[] = []
  slides.forEach((slide, index) => {
    const name = slide.section ?? slide.dataset?.section
    if (!name) return
    const last = groups.at(-1)
    if (last && last.name === name) last.slides.push({ slide, index })
    else groups.push({ name, slides: [{ slide, index }] })
  })
  if (groups.length === 0 && slides.length > 0)
    groups.push({ name: fallbackName, slides: slides.map((slide, index) => ({ slide, index })) })
  return groups
}

/** The session's date as the footer shows it: {@link formatSessionDate}, as on every page. */
export function shortDate(iso: string | undefined, lang = 'en'): string {
  return formatSessionDate(iso, lang)
}

const hrefOf = (id: string): string => `#/${encodeURIComponent(id)}`

/** The header's sections and dots, slide `current` (0-based) marked. */
export function navHtml(slides: FrameSlide[], fallbackName: string, current = 0): string {
  const sections = groupSlides(slides, fallbackName).map((group) => {
    const first = group.slides[0]!
    const here = current >= first.index && current <= group.slides.at(-1)!.index
    const dots = group.slides.map(({ slide, index }) => {
      const title = escapeHtml(slide.title)
      const mark = index === current ? ' aria-current="step"' : ''
      return (
        `<li><a class="deck-nav-dot" href="${escapeHtml(hrefOf(slide.id))}" data-index="${index}" ` +
        `aria-label="Slide ${index + 1}: ${title}" title="${title}"${mark}></a></li>`
      )
    })
    return (
      `<li class="deck-nav-section${here ? ' current' : ''}">` +
      `<a class="deck-nav-name" href="${escapeHtml(hrefOf(first.slide.id))}"${here ? ' aria-current="true"' : ''}>` +
      `${escapeHtml(group.name)}</a><ol class="deck-nav-dots">${dots.join('')}</ol></li>`
    )
  })
  return `<ol class="deck-nav-sections">${sections.join('')}</ol>`
}

/** A footer control: an icon button (or link) with a name and its keyboard shortcut as tooltip. */
function tool(name: IconName, label: string, shortcut?: string, href?: string): string {
  const attrs =
    `class="deck-tool" aria-label="${escapeHtml(label)}" ` +
    `title="${escapeHtml(shortcut ? `${label} (${shortcut})` : label)}"` +
    (shortcut ? ` aria-keyshortcuts="${escapeHtml(shortcut)}"` : '') +
    ` data-tool="${name}"`
  return href
    ? `<a ${attrs} href="${escapeHtml(href)}">${icon(name)}</a>`
    : `<button ${attrs} type="button">${icon(name)}</button>`
}

/** The slide counter's content (`Slide ` for screen readers, then `n / N`). */
export function countHtml(index: number, total: number): string {
  return `<span class="deck-sr">Slide </span>${index + 1} / ${total}`
}

/** The whole frame (header and footer) as it stands on slide 1. */
export function frameHtml(slides: FrameSlide[], info: FrameInfo): string {
  const last = slides.length <= 1
  const prev = tool('prev', 'Previous slide', 'ArrowLeft').replace('<button ', '<button disabled ')
  const nextTool = tool('next', 'Next slide', 'ArrowRight')
  const next = last ? nextTool.replace('<button ', '<button disabled ') : nextTool
  return (
    `<div class="deck-frame">` +
    `<nav class="deck-nav" aria-label="Sections">${navHtml(slides, info.title)}</nav>` +
    `<footer class="deck-footer">` +
    `<span class="deck-footer-presenter">${escapeHtml(info.presenter)}</span>` +
    `<span class="deck-footer-title">${escapeHtml(info.title)}</span>` +
    `<span class="deck-footer-right"><span class="deck-footer-date">${escapeHtml(info.date)}</span>` +
    `<span class="deck-tools" role="group" aria-label="Deck controls">` +
    prev +
    `<span class="deck-footer-count">${countHtml(0, slides.length)}</span>` +
    next +
    tool('overview', 'Overview of all slides', 'Escape') +
    tool('search', 'Search the slides', 'Control+Shift+F') +
    tool('speaker', 'Speaker view', 'S') +
    tool('fullscreen', 'Full screen', 'F') +
    tool('theme', 'Dark or light theme') +
    tool('read', 'Reading view', 'R', info.readHref) +
    `</span></span></footer></div>`
  )
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }

/** A slide's title from its HTML (the build's view of it): its first h1-h3's text, else its id. */
export function slideTitleOf(slide: { id: string; html: string }): string {
  const heading = /<(h[1-3])\b[^>]*>([\s\S]*?)<\/\1>/i.exec(slide.html)?.[2] ?? ''
  const text = heading
    // KaTeX's MathML copy and TeX annotation would repeat the formula in the text.
    .replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, ' ')
    .trim()
  return text || slide.id
}

/** The frame the build writes into a deck's page (slide 1 current). */
export function deckFrameHtml(
  slides: { id: string; html: string; section?: string }[],
  meta: {
    title: string
    shortTitle?: string
    presenter?: string
    group?: string
    date?: string
    lang?: string
  },
): string {
  return frameHtml(
    slides.map((s) => ({ id: s.id, section: s.section, title: slideTitleOf(s) })),
    {
      presenter: meta.presenter ?? meta.group ?? '',
      title: meta.shortTitle ?? meta.title,
      date: shortDate(meta.date, meta.lang),
      // Relative: the page's own path with the reading view asked for.
      readHref: `?view=scroll${slides[0] ? `#/${encodeURIComponent(slides[0].id)}` : ''}`,
    },
  )
}
