// The reading view's control bar: back to presenting, the notes as a handout, the PDF, the theme.
// It shows only while reveal.js's scroll view is on (`?view=scroll`, or a narrow screen), at the
// top of the page with the deck's short title and text labels (src/theme/reading.css).
import { icon } from './icons.ts'
import { isNarrow, viewUrl } from './mode.ts'
import type { Deck } from './types.ts'

/** What the bar's controls do. */
export interface ReadbarActions {
  setHandout(on: boolean): Promise<void>
  toggleTheme(): void
}

/** The bar, and the handout toggle's state. */
export interface Readbar {
  element: HTMLElement
  update(): void
}

/** The URL parameter that opens the reading view with the notes shown (`?view=scroll&handout`). */
export const HANDOUT_PARAM = 'handout'

function control(
  tag: 'a' | 'button',
  name: Parameters<typeof icon>[0],
  label: string,
): HTMLElement {
  const node = document.createElement(tag)
  node.className = 'deck-readbar-control'
  if (tag === 'button') node.setAttribute('type', 'button')
  node.innerHTML = `${icon(name)}<span>${label}</span>`
  return node
}

/** Adds the bar to the page; `pdfHref` is the deck's PDF, relative to the page. */
export function mountReadbar(
  deck: Deck,
  pdfHref: string,
  actions: ReadbarActions,
  title = '',
): Readbar {
  const bar = document.createElement('div')
  bar.className = 'deck-readbar'
  bar.setAttribute('role', 'group')
  bar.setAttribute('aria-label', 'Reading view')
  const name = document.createElement('span')
  name.className = 'deck-readbar-title'
  name.textContent = title

  const present = control('a', 'present', 'Present')
  present.title = 'Present the slides (R)'
  const notes = control('button', 'notes', 'Notes')
  notes.title = 'Show the speaker notes under each slide'
  notes.setAttribute('aria-pressed', 'false')
  const pdf = control('a', 'pdf', 'PDF')
  pdf.setAttribute('href', pdfHref)
  pdf.title = 'The slides as a PDF'
  const theme = control('button', 'theme', 'Theme')
  theme.title = 'Dark or light theme'
  bar.append(name, present, notes, pdf, theme)

  notes.addEventListener('click', () => {
    const on = notes.getAttribute('aria-pressed') !== 'true'
    notes.setAttribute('aria-pressed', String(on))
    void actions.setHandout(on)
  })
  theme.addEventListener('click', actions.toggleTheme)

  const update = (): void => {
    const id = deck.getCurrentSlide()?.id ?? ''
    present.setAttribute('href', viewUrl('present', id, isNarrow()))
  }
  // First in the page, so that (sticky at the top) it takes its own room and covers nothing.
  document.body.prepend(bar)
  update()
  deck.on('slidechanged', update)
  window.addEventListener('resize', update)
  if (new URLSearchParams(location.search).has(HANDOUT_PARAM)) notes.click()
  return { element: bar, update }
}
