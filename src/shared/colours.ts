// The theme's colours for build-time SVG and the explorer: CSS variables with the light theme's
// values as fallbacks. src/theme/graphics.css defines them for the light and the dark theme, so an
// inline chart follows the theme; the fallback is what a renderer without the page's CSS shows.

/** The light theme's value of each colour (the fallbacks below; src/theme/graphics.css agrees). */
export const LIGHT_COLOURS = {
  base: '#0f766e',
  rl: '#be185d',
  ink: '#1a1a2e',
  muted: '#4a5568',
  grid: '#cbd5e1',
  bg: '#ffffff',
} as const

type ColourName = keyof typeof LIGHT_COLOURS

/** Theme colours as CSS: `var(--deck-<name>, <light value>)` (base teal, RL magenta, ink, …). */
export const COLOURS = Object.fromEntries(
  Object.entries(LIGHT_COLOURS).map(([name, light]) => [name, `var(--deck-${name}, ${light})`]),
) as Record<ColourName, string>
