// The theme's colours for build-time SVG and the explorer (the same values as src/theme/theme.css).

/** Theme colours: base teal, RL magenta, ink, muted, grid. */
export const COLOURS = {
  base: '#0f766e',
  rl: '#be185d',
  ink: '#1a1a2e',
  muted: '#4a5568',
  grid: '#cbd5e1',
} as const
