// The deck's look for a Vega-Lite chart: Vega draws with placeholder colours and a placeholder
// font, which the SVG then gets as the theme's CSS variables (so one SVG serves the light and the
// dark theme) and the deck's font; every text is at least 26 px on the 1280x720 slide (80% of the 32 px body).

/** Text size of labels and titles at slide scale (the deck's floor is 20 px). */
export const CHART_FONT_PX = 26

/** The font Vega is told about, replaced by the deck's font in the SVG. */
const FONT_PLACEHOLDER = 'DeckChartFont'
const DECK_FONT = "var(--r-main-font, 'Inter Variable', Inter, sans-serif)"

/** Placeholder colour -> the theme variable (with its light value) that replaces it. */
export const PALETTE: Record<string, string> = {
  '#fa0101': 'var(--deck-ink, #1a1a2e)',
  '#fa0102': 'var(--deck-muted, #475569)',
  '#fa0103': 'var(--deck-grid, #cbd5e1)',
  '#fa0104': 'var(--deck-base, #0f766e)',
  '#fa0105': 'var(--deck-rl, #be185d)',
  '#fa0106': 'var(--deck-accent, #1e3a8a)',
  '#fa0107': 'var(--deck-good, #15803d)',
  '#fa0108': 'var(--deck-faint, #8291a6)',
  '#fa0109': 'var(--deck-bg, #ffffff)',
}

const INK = '#fa0101'
const MUTED = '#fa0102'
const GRID = '#fa0103'

/** Colours of categories, in order: base teal, RL magenta, accent, green, muted, faint. */
const CATEGORY = ['#fa0104', '#fa0105', '#fa0106', '#fa0107', '#fa0102', '#fa0108']

const text = { font: FONT_PLACEHOLDER }
const label = { labelFont: FONT_PLACEHOLDER, labelFontSize: CHART_FONT_PX, labelColor: INK }
const title = {
  titleFont: FONT_PLACEHOLDER,
  titleFontSize: CHART_FONT_PX,
  titleColor: INK,
  titleFontWeight: 600,
}

/** The Vega-Lite config every chart is compiled with (a spec's own `config` overrides it). */
export const CHART_CONFIG = {
  font: FONT_PLACEHOLDER,
  background: null,
  padding: 4,
  aria: false,
  view: { stroke: null },
  axis: {
    ...label,
    ...title,
    domainColor: MUTED,
    tickColor: MUTED,
    gridColor: GRID,
    labelLimit: 400,
    titlePadding: 10,
  },
  legend: {
    ...label,
    ...title,
    symbolSize: 220,
    labelLimit: 400,
    symbolBaseStrokeColor: INK,
    symbolBaseFillColor: 'transparent',
  },
  header: { ...label, ...title },
  title: {
    ...text,
    fontSize: CHART_FONT_PX + 4,
    color: INK,
    subtitleFont: FONT_PLACEHOLDER,
    subtitleFontSize: CHART_FONT_PX,
    subtitleColor: MUTED,
    anchor: 'start',
  },
  text: { ...text, fontSize: CHART_FONT_PX, color: INK },
  mark: { color: CATEGORY[0] },
  range: { category: CATEGORY },
}

/** Theme variables for the placeholders, and the deck's font for the placeholder font. */
export function themeSvg(svg: string): string {
  let out = svg.replace(/#fa01(0[1-9])\b/gi, (m) => PALETTE[m.toLowerCase()] ?? m)
  out = out.replace(
    new RegExp(`font-family="[^"]*${FONT_PLACEHOLDER}[^"]*"`, 'g'),
    `font-family="${DECK_FONT.replace(/'/g, '&#39;')}"`,
  )
  return out
}
