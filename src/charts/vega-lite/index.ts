// Vega-Lite charts drawn at build time: a spec (JSON or YAML) and the CSV/JSON files it names
// become an inline SVG figure in the deck's font and theme colours, with a title, a description
// and a visually hidden data table. The spec is untrusted input: it is bounded, validated against
// Vega-Lite's schema, its expressions are checked and then interpreted (never compiled to code),
// its data comes only through the caller's reader, and the SVG goes through the deck's SVG
// sanitiser. Every failure is a ChartProblem at an offset in the spec's text.
import { escapeHtml } from '../../shared/html.ts'
import { sanitizeSvg } from '../../untrusted/index.ts'
import { inlineData, type ChartData, type DataReader } from './data.ts'
import { compileInWorker, drawInWorker, drawingReady } from './draw.ts'
import { checkSpecExpressions, checkVegaExpressions } from './expressions.ts'
import { checkShape, DEFAULT_LIMITS, type ChartLimits } from './limits.ts'
import { ChartProblem, figure } from './problem.ts'
import { validateSpec } from './schema.ts'
import { parseSpecText, type SpecValue } from './spec-text.ts'
import { CHART_CONFIG, CHART_FONT_PX, themeSvg } from './theme.ts'
import {
  FIRST_PLOT,
  labelsTooWide,
  NARROW_SLACK,
  NARROW_WIDTH,
  narrowConfig,
  narrowPlotWidth,
  narrowSpec,
} from './narrow.ts'

export { closeChartWorker } from './draw.ts'
export { VEGA_LITE_RENDERER } from './renderer.ts'
export { refuseDataUrl, type DataRead, type DataReader } from './data.ts'
export { DEFAULT_LIMITS, type ChartLimits } from './limits.ts'
export { ChartProblem } from './problem.ts'
export { CHART_FONT_PX } from './theme.ts'

/** How to draw one chart. */
export interface VegaLiteOptions {
  format: 'json' | 'yaml'
  /** Reads a file the spec names (`data.url`), relative to the deck's folder, through its policy. */
  readData: DataReader
  /** The chart's width and height in px at slide scale when the spec sets none (one view). */
  width?: number
  height?: number
  /** Overrides of {@link DEFAULT_LIMITS}. */
  limits?: Partial<ChartLimits>
  /** The figure's id on the page (its SVG's ids are prefixed with it). */
  id: string
}

/** A problem with the chart at `offset` in its text, with its 0-based line and column there. */
export interface VegaLiteProblem {
  offset: number
  line: number
  column: number
  code: string
  message: string
  severity: 'error' | 'warning'
}

/** The drawn chart (`html` and its size), or why not (`problems` with an error, no `html`). */
export interface VegaLiteResult {
  /** The figure: the inline SVG and its hidden data table. */
  html?: string
  width?: number
  height?: number
  /** Files read, with the SHA-256 of their bytes. */
  reads: { ref: string; sha256: string }[]
  /** Errors, and warnings (Vega-Lite's), positioned in the spec's text. */
  problems: VegaLiteProblem[]
}

const RE_FORBIDDEN =
  /<(script|foreignObject|iframe|object|embed|image|audio|video|canvas|a)\b|\son[a-z]+=/i

const isObject = (v: SpecValue | undefined): v is { [key: string]: SpecValue } =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function problemAt(
  text: string,
  offset: number,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): VegaLiteProblem {
  const at = Math.max(0, Math.min(offset, text.length))
  const before = text.slice(0, at).split('\n')
  return {
    offset: at,
    line: before.length - 1,
    column: before.at(-1)!.length,
    code,
    message,
    severity,
  }
}

/** The chart's title as text: `title` (a string, lines, or `{text}`), else the description. */
function titleOf(spec: SpecValue): string | undefined {
  if (!isObject(spec)) return undefined
  const t = isObject(spec.title) ? spec.title.text : spec.title
  if (typeof t === 'string') return t
  if (Array.isArray(t)) return t.filter((x) => typeof x === 'string').join(' ')
  return undefined
}

/** What a screen reader hears after the title: the spec's description, else its marks and fields. */
function describe(spec: SpecValue, data: ChartData[]): string {
  if (isObject(spec) && typeof spec.description === 'string') return spec.description
  const marks = new Set<string>()
  const fields = new Set<string>()
  const walk = (v: SpecValue): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (isObject(v)) {
      const mark = isObject(v.mark) ? v.mark.type : v.mark
      if (typeof mark === 'string') marks.add(mark)
      if (typeof v.field === 'string') fields.add(v.field)
      Object.values(v).forEach(walk)
    }
  }
  walk(spec)
  const rows = data.reduce((n, d) => n + d.rows.length, 0)
  return (
    `A ${[...marks].join(' and ') || 'Vega-Lite'} chart` +
    (fields.size ? ` of ${[...fields].join(', ')}` : '') +
    (data.length ? `, from ${figure(rows)} rows of data (listed in the table that follows)` : '') +
    '.'
  )
}

/** Rows of the hidden table: the first data set, up to 500 rows and 20 columns. */
const TABLE_ROWS = 500
const TABLE_COLUMNS = 20

function tableHtml(data: ChartData[], title: string): string {
  return data
    .map((d) => {
      const columns = d.columns.slice(0, TABLE_COLUMNS)
      const rows = d.rows.slice(0, TABLE_ROWS)
      const cell = (v: SpecValue | undefined): string =>
        v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
      const caption =
        `${title}: data${d.source === 'values' ? '' : ` from ${d.source}`}` +
        (rows.length < d.rows.length
          ? ` (the first ${figure(rows.length)} of ${figure(d.rows.length)} rows)`
          : '')
      return (
        `<table><caption>${escapeHtml(caption)}</caption>` +
        `<thead><tr>${columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>` +
        `<tbody>${rows
          .map(
            (r) =>
              `<tr>${columns
                .map((c) => {
                  const v = Object.hasOwn(r, c) ? r[c] : undefined
                  return `<td${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(cell(v))}</td>`
                })
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`
      )
    })
    .join('')
}

/** Fields the encodings name that no data set has and no transform makes: a typo, most likely. */
function checkFields(
  spec: SpecValue,
  data: ChartData[],
  locate: (path: (string | number)[]) => number,
): void {
  if (!data.length || !isObject(spec) || 'repeat' in spec) return
  const known = new Set(data.flatMap((d) => d.columns))
  // Transforms whose fields come from the data's values or another data set: no check.
  let open = false
  // Fields a transform makes (`as`), and the defaults of those that name their outputs.
  const walkAs = (v: SpecValue): void => {
    if (Array.isArray(v)) v.forEach(walkAs)
    else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'as' && typeof x === 'string') known.add(x)
        if (k === 'as' && Array.isArray(x)) x.forEach((y) => typeof y === 'string' && known.add(y))
        if (k === 'fold') ['key', 'value'].forEach((f) => known.add(f))
        if (k === 'density') ['value', 'density'].forEach((f) => known.add(f))
        if (k === 'quantile') ['prob', 'value'].forEach((f) => known.add(f))
        if (k === 'sequence' && isObject(x)) known.add(typeof x.as === 'string' ? x.as : 'data')
        if (k === 'pivot' || k === 'lookup' || k === 'flatten') open = true
      }
      Object.values(v).forEach(walkAs)
    }
  }
  walkAs(spec)
  if (open) return
  const walk = (v: SpecValue, path: (string | number)[], inEncoding: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i], inEncoding))
    if (!isObject(v)) return
    if (inEncoding && typeof v.field === 'string') {
      const name = v.field.split(/(?<!\\)[.[]/)[0]!.replace(/\\(.)/g, '$1')
      if (!known.has(name)) {
        const list = [...known].slice(0, 12).map((f) => `\`${f}\``)
        throw new ChartProblem(
          locate([...path, 'field']),
          'spec-field',
          `unknown field \`${v.field}\`; the data has ${list.join(', ')}${known.size > 12 ? ', …' : ''}`,
        )
      }
    }
    for (const [k, x] of Object.entries(v))
      walk(x, [...path, k], inEncoding || k === 'encoding' || k === 'facet')
  }
  walk(spec, [], false)
}

/**
 * Gives a single-view spec a size when it sets none: the plot's, so axes, legends and titles add
 * to it (Vega's `fit` would shrink the plot to make room for a long title).
 */
function sized(spec: SpecValue, width: number, height: number): SpecValue {
  if (!isObject(spec)) return spec
  const single = !['facet', 'repeat', 'concat', 'hconcat', 'vconcat'].some((k) => k in spec)
  const out: Record<string, SpecValue> = { ...spec }
  if (single) {
    if (!('width' in spec)) out.width = width
    if (!('height' in spec)) out.height = height
  }
  return out
}

/** A drawn chart: its SVG (Vega's, before theming), its size, Vega-Lite's warnings. */
interface Drawing {
  svg: string
  width: number
  height: number
  warnings: string[]
}

/** Compiles and draws one spec with `config`, checking the Vega it compiles to. */
async function drawChart(
  spec: SpecValue,
  config: unknown,
  limits: ChartLimits,
  deadline: number,
): Promise<Drawing> {
  const { vega, warnings } = await compileInWorker(spec, config, limits, deadline)
  const refused = checkVegaExpressions(vega)
  if (refused) throw new ChartProblem(0, 'spec-expression', refused)
  const drawn = await drawInWorker(vega, limits, deadline)
  if (drawn.errors.length) throw new ChartProblem(0, 'draw', `Vega: ${drawn.errors[0]}`)
  const box = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(drawn.svg)
  return {
    svg: drawn.svg,
    width: Math.ceil(Number(box?.[1] ?? 0)),
    height: Math.ceil(Number(box?.[2] ?? 0)),
    warnings,
  }
}

/** A drawing as the page's SVG: titled, themed, sanitised, its ids prefixed with `id`. */
function finish(drawing: Drawing, title: string, desc: string, id: string): string {
  const { width, height } = drawing
  // Vega's own ARIA roles inside are dropped: the figure is one image with a title and a table.
  const inner = drawing.svg
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/\s(role|aria-roledescription|aria-hidden|aria-label)="[^"]*"/g, '')
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` role="img" aria-labelledby="title desc" font-size="${CHART_FONT_PX}"` +
    ` style="display:block;max-width:100%;height:auto;overflow:visible">` +
    `<title id="title">${escapeHtml(title)}</title><desc id="desc">${escapeHtml(desc)}</desc>` +
    `${inner}</svg>`
  const clean = sanitizeSvg(themeSvg(svg), undefined, id).svg
  // Checked on the tags alone: a label may say "onclick=" as text.
  if (RE_FORBIDDEN.test(clean.replace(/>[^<]*</g, '><')))
    throw new ChartProblem(0, 'draw', 'the drawing has an element a chart may not have')
  return clean
}

/**
 * Draws a Vega-Lite spec (JSON or YAML text) as an inline SVG figure. Never throws for anything in
 * the spec or its data: a problem comes back positioned in `text`.
 */
export async function renderVegaLite(
  text: string,
  options: VegaLiteOptions,
): Promise<VegaLiteResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const warnings: VegaLiteProblem[] = []
  try {
    const bytes = Buffer.byteLength(text)
    if (bytes > limits.specBytes)
      throw new ChartProblem(
        0,
        'limit-spec-bytes',
        `the spec has ${figure(bytes)} bytes; a chart spec may have at most ${figure(limits.specBytes)}`,
      )
    const spec = parseSpecText(text, options.format, limits.depth)
    checkShape(spec, limits)
    validateSpec(spec)
    checkSpecExpressions(spec, text)
    const inlined = inlineData(spec, options.readData, limits)
    checkFields(spec.value, inlined.data, spec.locate)
    // The time limit counts Vega's work, from a started drawing process.
    await drawingReady(limits)
    const deadline = performance.now() + limits.ms
    const wide = await drawChart(
      sized(inlined.spec, options.width ?? 960, options.height ?? 360),
      CHART_CONFIG,
      limits,
      deadline,
    )
    for (const w of wide.warnings)
      warnings.push(problemAt(text, 0, 'vega-lite-warning', `Vega-Lite: ${w}`, 'warning'))
    const title = titleOf(spec.value) ?? 'Chart'
    const desc = describe(spec.value, inlined.data)
    const { width, height } = wide
    const clean = finish(wide, title, desc, options.id)
    // The narrow layout for a phone's reading column: drawn once at a guessed plot width, then at
    // the width that makes the whole figure the column's. A chart that cannot be re-laid (a
    // layout Vega-Lite refuses narrow) keeps its wide drawing only.
    let narrow = ''
    if (width > NARROW_WIDTH) {
      try {
        const config = narrowConfig(CHART_CONFIG)
        const draw = (plot: number, above: boolean): Promise<Drawing> =>
          drawChart(narrowSpec(inlined.spec, plot, above), config, limits, deadline)
        let first = await draw(FIRST_PLOT, false)
        // Labels too long to leave a plot beside them go above their bands.
        const above = labelsTooWide(FIRST_PLOT, first.width)
        if (above) first = await draw(FIRST_PLOT, true)
        const plot = narrowPlotWidth(FIRST_PLOT, first.width)
        const drawn = plot === FIRST_PLOT ? first : await draw(plot, above)
        // Still too wide (labels that do not shrink): the phone scrolls the wide drawing.
        if (drawn.width <= NARROW_WIDTH + NARROW_SLACK)
          narrow =
            `<div class="deck-chart-narrow" style="display:none;width:${drawn.width}px">` +
            `${finish(drawn, title, desc, `${options.id}-n`)}</div>`
      } catch (err) {
        if (!(err instanceof ChartProblem) || err.code.startsWith('limit-')) throw err
      }
    }
    const table =
      `<div class="deck-chart-data" style="position:absolute;left:0;top:0;width:100%;height:1px;` +
      `overflow:hidden;clip-path:inset(50%);font-size:12px">${tableHtml(inlined.data, title)}</div>`
    const html =
      `<figure class="deck-chart deck-vega-lite" id="${escapeHtml(options.id)}" ` +
      `style="position:relative;margin:8px 0 0;max-width:100%;width:${width}px">${clean}${narrow}${table}</figure>\n`
    return { html, width, height, reads: inlined.reads, problems: warnings }
  } catch (err) {
    // Anything else is a bug of ours or a library's on a hostile spec: still one positioned line.
    const p =
      err instanceof ChartProblem
        ? err
        : new ChartProblem(
            0,
            'chart-internal',
            `the chart could not be drawn (${String((err as Error)?.message ?? err)
              .split('\n')[0]!
              .slice(0, 200)})`,
          )
    return { reads: [], problems: [...warnings, problemAt(text, p.offset, p.code, p.message)] }
  }
}
