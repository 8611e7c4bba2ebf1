// Print view (`?print-pdf`, used by `npm run pdf`), loaded only there: once reveal.js has laid out
// one page per slide, optionally (`?print-pdf&notes`) adds each slide's notes under it (the
// handout), adds the page footers, waits for the fonts, and marks the page `data-pdf-ready`.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { readMeta } from './meta.ts'
import { addPageFooters } from './print-frame.ts'
import { cloneNotes } from './slides.ts'
import type { Deck } from './types.ts'
import { fillSlides } from './fill.ts'

/** The gap (px) between the slide and its notes, and the margin around the notes. */
const PAD = 40

/** Makes every page taller and puts the slide's notes below it; one page size for all. */
export function addNotesToPages(deck: Deck): void {
  const { width, height } = deck.getConfig() as { width: number; height: number }
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.reveal .pdf-page'))
  const blocks = pages.map((page) => {
    const notes = document.createElement('div')
    notes.className = 'deck-print-notes'
    const slide = page.querySelector('section')
    if (slide) notes.append(...cloneNotes(slide))
    notes.style.top = `${height + PAD / 2}px`
    notes.style.width = `${width - 2 * PAD}px`
    page.append(notes)
    return notes
  })
  const notesHeight = Math.max(120, ...blocks.map((b) => Math.ceil(b.scrollHeight))) + PAD
  const pageHeight = height + notesHeight
  for (const page of pages) page.style.height = `${pageHeight - 1}px`
  const style = document.createElement('style')
  style.textContent = `@page { size: ${width}px ${pageHeight}px; margin: 0 }`
  document.head.append(style)
  document.body.style.height = `${pageHeight}px`
}

/** Finishes the print layout; `npm run pdf` waits for `html[data-pdf-ready]`. */
export async function finishPrint(deck: Deck, withNotes: boolean): Promise<void> {
  if (withNotes) addNotesToPages(deck)
  addPageFooters(deck, readMeta())
  await document.fonts.ready
  // Short slides set larger, measured on the laid-out pages in the deck's fonts (fill.ts).
  fillSlides(deck.getRevealElement()!, new WeakMap(), 'print')
  document.documentElement.dataset.pdfReady = 'true'
}

/** The print view's last touches, once reveal.js has laid out its pages (print mode only). */
export class PrintController implements Controller {
  private readonly bindings = new Bindings()
  private done = false

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): Promise<void> | void {
    const { deck } = this.ctx
    // reveal.js lays the pages out once the page has loaded, maybe before this module did: it
    // says so (pdf-ready) just before it stops hiding them (`loading-scroll-mode`).
    const laidOut =
      document.querySelector('.reveal .pdf-page') !== null &&
      !deck.getViewportElement()?.classList.contains('loading-scroll-mode')
    if (laidOut) return this.finish()
    this.bindings.on(deck, 'pdf-ready', () => void this.finish())
  }

  unbind(): void {
    this.bindings.clear()
  }

  render(): void {}

  private finish(): Promise<void> | void {
    if (this.done) return
    this.done = true
    return finishPrint(this.ctx.deck, new URLSearchParams(location.search).has('notes'))
  }
}
