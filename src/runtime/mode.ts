// Which page this is, from its URL: the presentation, the reading view, print, the speaker view, or
// a slide preview inside the speaker view. Also the URLs that switch between them.

/** What the page shows. */
export type PageMode = 'present' | 'read' | 'print' | 'speaker' | 'preview'

/** The page's mode, from `?view=…`, `?print-pdf` and `?receiver`. */
export function pageMode(loc: Pick<Location, 'search'> = location): PageMode {
  const query = new URLSearchParams(loc.search)
  const view = query.get('view')
  if (view === 'speaker') return 'speaker'
  if (query.has('receiver')) return 'preview'
  if (query.has('print-pdf') || view === 'print') return 'print'
  if (view === 'scroll') return 'read'
  return 'present'
}

/** The URL parameter that opens the reading view with the notes shown (`?view=scroll&handout`). */
export const HANDOUT_PARAM = 'handout'

/** Below this presentation width (px) reveal.js switches to the reading view by itself. */
export const SCROLL_ACTIVATION_WIDTH = 435

/** The space around the slide, as a fraction of the window (reveal.js's `margin`). */
export const SLIDE_MARGIN = 0.04

/** Whether the window is narrow enough for reveal.js to choose the reading view on its own. */
export function isNarrow(width = window.innerWidth): boolean {
  return width * (1 - SLIDE_MARGIN) <= SCROLL_ACTIVATION_WIDTH
}

/** Whether the URL asks for the presentation explicitly (`?view=present`), even on a phone. */
export function forcedPresent(loc: Pick<Location, 'search'> = location): boolean {
  return new URLSearchParams(loc.search).get('view') === 'present'
}

/**
 * The URL of this deck in another view, on slide `id`: `read` adds `?view=scroll`; `present`
 * drops the view, or asks for it explicitly when the screen is narrow enough for reveal.js to
 * pick the reading view by itself.
 */
export function viewUrl(
  target: 'present' | 'read' | 'speaker',
  id: string,
  narrow = false,
): string {
  const hash = id ? `#/${encodeURIComponent(id)}` : ''
  const path = location.pathname
  if (target === 'read') return `${path}?view=scroll${hash}`
  if (target === 'speaker') return `${path}?view=speaker${hash}`
  return `${path}${narrow ? '?view=present' : ''}${hash}`
}
