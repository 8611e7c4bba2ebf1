// The one reader of what a slide's markup holds for the other views: its title, its speaker notes
// (every `<aside class="notes">`, in order) and its fragment steps. The speaker view, the handout
// and the print view all ask here.

/** A slide's title: its first heading, else its id. */
export function slideTitle(slide: Element): string {
  const heading = slide.querySelector('h1, h2, h3')
  return (heading?.textContent ?? '').replace(/\s+/g, ' ').trim() || slide.id
}

/** The slide's notes blocks, in document order (a slide may have several `::: notes`). */
export function notesOf(slide: Element): HTMLElement[] {
  return Array.from(slide.querySelectorAll<HTMLElement>('aside.notes'))
}

/** Copies of the content of all the slide's notes, in order, to place in another view. */
export function cloneNotes(slide: Element): Node[] {
  return notesOf(slide).flatMap((aside) => Array.from(aside.cloneNode(true).childNodes))
}

/**
 * How many steps the slide's fragments take: one per distinct `data-fragment-index`, plus one per
 * fragment without an index (reveal.js shows fragments that share an index together).
 */
export function fragmentSteps(slide: Element): number {
  const indices = new Set<string>()
  let unindexed = 0
  for (const f of slide.querySelectorAll('.fragment')) {
    if (f.closest('aside.notes')) continue
    const index = f.getAttribute('data-fragment-index')
    if (index === null) unindexed++
    else indices.add(index)
  }
  return indices.size + unindexed
}

/** What the speaker view lists of each slide. */
export interface SlideInfo {
  id: string
  title: string
  section: string
  /** The slide's `<section>` (its notes are cloned from it when shown). */
  element: HTMLElement
  fragments: number
}

/** Reads one slide (`.slides > section`). */
export function readSlide(section: HTMLElement): SlideInfo {
  return {
    id: section.id,
    title: slideTitle(section),
    section: section.dataset.section ?? '',
    element: section,
    fragments: fragmentSteps(section),
  }
}
