// A chart's narrow layout, for a phone's reading column: the same spec re-laid at build time for a
// column about 350 px wide with its text at 16 px, shown 1:1 (src/theme/reading.css switches to it
// under 700 px). Side-by-side views stack (hconcat becomes vconcat, a column facet wraps into one
// column), each view takes the column's width, long titles wrap into lines, fewer x ticks, legends
// go below. A spec's own sizes of text are scaled to the narrow text size (never under it), and
// point marks shrink with their view. Only layout is touched: data, encodings and expressions are
// the spec's own, so what the chart says is the same in both layouts.
import { textWidth } from './advance.ts'
import type { SpecValue } from './spec-text.ts'
import { CHART_FONT_PX } from './theme.ts'

/** The narrow figure's width in CSS px: a 390 px phone's column less a margin. */
export const NARROW_WIDTH = 340

/** How much wider than {@link NARROW_WIDTH} a narrow drawing may come out and still be used. */
export const NARROW_SLACK = 24

/** The narrow layout's text size in CSS px (at 1:1 in a 350 px column, 14 px in a 300 px one). */
export const NARROW_FONT_PX = 16

/** The narrowest a view's plot may become, in px. */
const MIN_PLOT = 120

type Obj = { [key: string]: SpecValue }

const isObject = (v: SpecValue | undefined): v is Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** Keys that set a text size (in px) anywhere in a spec. */
const FONT_KEYS = new Set(['fontSize', 'labelFontSize', 'titleFontSize', 'subtitleFontSize'])

/** Marks whose `size` is an area: they shrink with the view's width. */
const AREA_MARKS = new Set(['point', 'square', 'circle'])

/** A text size of the wide layout as the narrow layout sets it. */
export const narrowFont = (px: number): number =>
  Math.max(NARROW_FONT_PX, Math.round((px * NARROW_FONT_PX) / CHART_FONT_PX))

/** `text` broken at spaces into lines of at most `width` px at `size` (a word never splits). */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && textWidth(next, size, true) > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

/** A title (string, lines, or `{text, subtitle}`) wrapped to `width`. */
function wrapTitle(title: SpecValue, width: number, size: number): SpecValue {
  const wrap = (t: SpecValue, px: number): SpecValue => {
    const lines = typeof t === 'string' ? [t] : Array.isArray(t) ? t : undefined
    if (!lines || !lines.every((l) => typeof l === 'string')) return t
    const out = (lines as string[]).flatMap((l) => wrapText(l, width, px))
    return out.length === 1 ? out[0]! : out
  }
  if (!isObject(title)) return wrap(title, size)
  const fontSize = typeof title.fontSize === 'number' ? title.fontSize : size
  const out: Obj = { ...title, text: wrap(title.text ?? '', fontSize) }
  if (title.subtitle !== undefined) {
    const sub = typeof title.subtitleFontSize === 'number' ? title.subtitleFontSize : size
    out.subtitle = wrap(title.subtitle, sub)
  }
  return out
}

/**
 * The text sizes a spec sets, scaled to the narrow layout, and area marks scaled by `area` (the
 * square of the views' width ratio); copies, never changes, the spec.
 */
function scaleSizes(v: SpecValue, area: number): SpecValue {
  if (Array.isArray(v)) return v.map((x) => scaleSizes(x, area))
  if (!isObject(v)) return v
  const out: Obj = {}
  for (const [k, x] of Object.entries(v))
    out[k] = FONT_KEYS.has(k) && typeof x === 'number' ? narrowFont(x) : scaleSizes(x, area)
  if (typeof out.size === 'number' && typeof v.type === 'string') {
    if (AREA_MARKS.has(v.type)) out.size = Math.max(36, Math.round(out.size * area))
    else if (v.type === 'text') out.size = narrowFont(out.size)
  }
  return out
}

/** The width of the widest view of a spec (its own `width`, or its children's), if it sets one. */
function viewWidth(v: SpecValue): number | undefined {
  if (!isObject(v)) return undefined
  if (typeof v.width === 'number') return v.width
  const children = ['hconcat', 'vconcat', 'concat']
    .flatMap((k) => (Array.isArray(v[k]) ? (v[k] as SpecValue[]) : []))
    .concat(isObject(v.spec) ? [v.spec] : [])
  const widths = children.map(viewWidth).filter((w): w is number => w !== undefined)
  return widths.length ? Math.max(...widths) : undefined
}

/** Every view's `width` set to `width`; side-by-side views stacked. */
function stack(v: SpecValue, width: number): SpecValue {
  if (!isObject(v)) return v
  const out: Obj = { ...v }
  if (Array.isArray(v.hconcat)) {
    delete out.hconcat
    out.vconcat = v.hconcat
  }
  for (const k of ['vconcat', 'concat'])
    if (Array.isArray(out[k])) out[k] = (out[k] as SpecValue[]).map((c) => stack(c, width))
  if ('concat' in out) out.columns = 1
  if (isObject(v.facet) && isObject(v.facet.column) && !('row' in v.facet)) {
    // A column facet wraps into one column: its header stays above each view.
    out.facet = v.facet.column
    out.columns = 1
  } else if (isObject(v.facet) && 'field' in v.facet) out.columns = 1
  if (isObject(v.repeat) && Array.isArray(v.repeat.column) && !('row' in v.repeat))
    out.repeat = { row: v.repeat.column }
  else if (Array.isArray(v.repeat)) out.columns = 1
  if (isObject(out.spec)) out.spec = stack(out.spec, width)
  if ('mark' in v || 'layer' in v) out.width = width
  return out
}

/** Legends below their view, one entry a line (a spec's own legend placement included). */
function legendsBelow(v: SpecValue): SpecValue {
  if (Array.isArray(v)) return v.map(legendsBelow)
  if (!isObject(v)) return v
  const out: Obj = {}
  for (const [k, x] of Object.entries(v))
    out[k] =
      k === 'legend' && isObject(x)
        ? { ...x, orient: 'bottom', direction: 'vertical' }
        : k === 'data' || k === 'transform'
          ? x
          : legendsBelow(x)
  return out
}

/** Titles in the spec (the chart's, its views', its channels') wrapped to `width`. */
function wrapTitles(v: SpecValue, width: number, size: number, top = true): SpecValue {
  if (Array.isArray(v)) return v.map((x) => wrapTitles(x, width, size, false))
  if (!isObject(v)) return v
  const out: Obj = {}
  for (const [k, x] of Object.entries(v))
    out[k] =
      k === 'title' && x !== null
        ? wrapTitle(x, width, top ? size + 2 : size)
        : k === 'data' || k === 'transform'
          ? x
          : wrapTitles(x, width, size, false)
  return out
}

/** Nominal and ordinal y axes with their labels inside the plot, each above its band's marks. */
function labelsAbove(v: SpecValue): SpecValue {
  if (Array.isArray(v)) return v.map(labelsAbove)
  if (!isObject(v)) return v
  const out: Obj = {}
  for (const [k, x] of Object.entries(v)) {
    if (k === 'data' || k === 'transform') out[k] = x
    else if (k === 'encoding' && isObject(x) && isObject(x.y) && isBand(x.y)) {
      const axis = isObject(x.y.axis) ? x.y.axis : {}
      out[k] = {
        ...x,
        y: {
          ...x.y,
          axis: {
            ...axis,
            orient: 'left',
            ticks: false,
            domain: false,
            labelAlign: 'left',
            labelBaseline: 'bottom',
            labelPadding: -2,
            labelOffset: -LABEL_LIFT,
          },
        },
      }
    } else out[k] = labelsAbove(x)
  }
  return out
}

/** How far a label set above its band's centre sits, in px: clear of a marker there. */
const LABEL_LIFT = 7

const isBand = (def: Obj): boolean =>
  (def.type === 'nominal' || def.type === 'ordinal') && def.axis !== null

/**
 * The narrow layout of a (data-inlined) spec whose views are `plot` px wide: stacked, re-sized,
 * its text at the narrow size; with `above`, the labels of band axes inside the plot, above their
 * bands (for labels too long to leave a plot beside them). {@link narrowPlotWidth} finds `plot`
 * from a first drawing.
 */
export function narrowSpec(spec: SpecValue, plot: number, above = false): SpecValue {
  if (!isObject(spec)) return spec
  const wide = viewWidth(spec) ?? 960
  const ratio = Math.min(1, plot / wide)
  let out = stack(spec, plot)
  if (!viewWidth(out)) out = { ...(out as Obj), width: plot }
  out = legendsBelow(scaleSizes(out, ratio * ratio))
  if (above) out = labelsAbove(out)
  return wrapTitles(out, NARROW_WIDTH - 8, NARROW_FONT_PX)
}

/** Whether a first drawing at `plot` left too little room for the plot beside its labels. */
export const labelsTooWide = (plot: number, drawn: number): boolean =>
  NARROW_WIDTH - (drawn - plot) < MIN_PLOT

/** The plot width to try first: most of the column, leaving room for an axis's labels. */
export const FIRST_PLOT = 220

/**
 * The plot width that makes a narrow chart {@link NARROW_WIDTH} wide, from the width `drawn` a
 * drawing at `plot` came out: what is not plot (labels, titles, padding) stays the same.
 */
export function narrowPlotWidth(plot: number, drawn: number): number {
  return Math.max(MIN_PLOT, Math.floor(plot + NARROW_WIDTH - drawn))
}

/** The Vega-Lite config of the narrow layout: the wide one at the narrow text size. */
export function narrowConfig(config: object): Obj {
  const out = scaleSizes(config as Obj, 1) as Obj
  const axis = isObject(out.axis) ? out.axis : {}
  const legend = isObject(out.legend) ? out.legend : {}
  return {
    ...out,
    axis: { ...axis, labelLimit: NARROW_WIDTH / 2 },
    axisX: { tickCount: 4, labelOverlap: true, labelFlush: true },
    legend: { ...legend, labelLimit: NARROW_WIDTH - 60, orient: 'bottom', direction: 'vertical' },
    header: { ...(isObject(out.header) ? out.header : {}), labelLimit: NARROW_WIDTH },
  }
}
