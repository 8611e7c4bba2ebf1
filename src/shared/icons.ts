// Line icons for the deck's controls: 24x24 SVG paths in currentColor, decorative (aria-hidden).
// Pure strings: the build writes the frame's icons into the page, the browser reuses them.

const PATHS = {
  prev: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  overview: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5L20 20',
  speaker: 'M3 5h18v11H3zM8 20h8M12 16v4',
  fullscreen: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
  read: 'M4 5h6a2 2 0 0 1 2 2v12a2 2 0 0 0-2-2H4zM20 5h-6a2 2 0 0 0-2 2v12a2 2 0 0 1 2-2h6z',
  present: 'M3 4h18v12H3zM12 16v4M8 20h8M10 8l4 2-4 2z',
  notes: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  pdf: 'M6 3h8l4 4v14H6zM14 3v4h4M9 13h6M9 17h6',
  theme: 'M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18',
} as const

/** An icon's name. */
export type IconName = keyof typeof PATHS

/** The SVG markup of an icon. */
export function icon(name: IconName): string {
  return (
    '<svg class="deck-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" ' +
    'focusable="false" fill="none" stroke="currentColor" stroke-width="2" ' +
    `stroke-linecap="round" stroke-linejoin="round"><path d="${PATHS[name]}"/></svg>`
  )
}
