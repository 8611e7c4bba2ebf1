// Chart `rl-algorithms`: pass@1 and pass@256 of the base model and six RL algorithms (v2 Table 2),
// one dataset or all three side by side (small multiples on the same 0–100 axis).
import { d3Scale } from './libraries.ts'
import type { MetricTable } from './data.ts'
import { COLOURS, el, fixed1, text, textWidth, type ChartParts } from './svg.ts'

/** Options of the `rl-algorithms` chart: a Table 2 column pair (or `all`), and the chart's height. */
export interface RlAlgorithmsOptions {
  /** A dataset id of the data file, or `all` for one panel per dataset. */
  dataset: string
  height: number
}

const WIDTH = 1180
/** Value labels: 21 px, just above the 20 px floor once reveal.js scales the slide (0.96). */
const VALUE_SIZE = 21
const DOT = 8
/** Space between a dot and its label. */
const PAD = 6

/** A text box for overlap checks (x from `x1` to `x2`, on one row). */
interface Box {
  x1: number
  x2: number
}

const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2

/**
 * Where a row's two value labels go in one panel: pass@1 left of its hollow dot, else right of it;
 * pass@256 right of its filled dot if it fits in the panel, else left of it. Labels never cover a
 * dot or each other: the second choice is taken when the first would.
 */
export function placeValueLabels(
  xa: number,
  xb: number,
  la: string,
  lb: string,
  panel: { x1: number; x2: number },
): { a: Box & { anchor: 'start' | 'end' }; b: Box & { anchor: 'start' | 'end' } } {
  const wa = textWidth(la, VALUE_SIZE)
  const wb = textWidth(lb, VALUE_SIZE)
  const dots: Box[] = [
    { x1: xa - DOT, x2: xa + DOT },
    { x1: xb - DOT, x2: xb + DOT },
  ]
  const left = (x: number, w: number): Box & { anchor: 'end' } => ({
    x1: x - DOT - PAD - w,
    x2: x - DOT - PAD,
    anchor: 'end',
  })
  const right = (x: number, w: number): Box & { anchor: 'start' } => ({
    x1: x + DOT + PAD,
    x2: x + DOT + PAD + w,
    anchor: 'start',
  })
  const inPanel = (box: Box): boolean => box.x1 >= panel.x1 && box.x2 <= panel.x2
  const clear = (box: Box, others: Box[]): boolean => others.every((o) => !overlaps(box, o))
  const bRight = right(xb, wb)
  const b = inPanel(bRight) ? bRight : left(xb, wb)
  const aLeft = left(xa, wa)
  const a = inPanel(aLeft) && clear(aLeft, [...dots, b]) ? aLeft : right(xa, wa)
  return { a, b }
}

/** A dot plot per dataset: per model, a hollow dot at pass@1 joined to a filled dot at pass@256. */
export function rlAlgorithmsChart(data: MetricTable, o: RlAlgorithmsOptions): ChartParts {
  const { scaleBand, scaleLinear } = d3Scale()
  const [m1 = 'pass@1', mk = 'pass@256'] = data.metrics
  const datasets = o.dataset === 'all' ? Object.keys(data.datasets) : [o.dataset]
  const labelOf = (d: string): string => data.datasets[d] ?? d
  const names = data.models.map((m) => m.name)
  const base = data.models.find((m) => m.role === 'base')
  const left =
    Math.max(
      ...data.models.map((m) =>
        textWidth(m.name, undefined, m.role === 'base' ? 'bold' : 'normal'),
      ),
    ) + 28
  // Right of every panel: room for a pass@256 label beside a dot at 100.
  const gap = DOT + PAD + textWidth('100.0', VALUE_SIZE) + 10
  const panelWidth = (WIDTH - left - gap * datasets.length) / datasets.length
  const twoLineTitles = datasets.some(
    (d) => textWidth(labelOf(d), 22, 'bold') > panelWidth + gap - 12,
  )
  const top = twoLineTitles ? 84 : 58
  const bottom = o.height - 84
  const y = scaleBand<string>().domain(names).range([top, bottom]).paddingInner(0.2)
  const parts: string[] = []
  for (const m of data.models) {
    const cy = y(m.name)! + y.bandwidth() / 2
    parts.push(
      text(left - 20, cy + 8, m.name, {
        'text-anchor': 'end',
        fill: m.role === 'base' ? COLOURS.base : COLOURS.rl,
        'font-weight': m.role === 'base' ? 700 : undefined,
      }),
    )
  }
  datasets.forEach((d, i) => {
    const x1 = left + i * (panelWidth + gap)
    const x2 = x1 + panelWidth
    // Inner range: room for a pass@1 label left of a dot at 0, and for a dot at 100.
    const x = scaleLinear()
      .domain([0, 100])
      .range([x1 + DOT + PAD + textWidth('00.0', VALUE_SIZE), x2 - DOT])
    // A long title breaks before its parenthesis: "MATH500" / "(out-of-domain)".
    const title = labelOf(d)
    const paren = title.indexOf(' (')
    const lines =
      twoLineTitles && paren > 0 ? [title.slice(0, paren), title.slice(paren + 1)] : [title]
    lines.forEach((l, j) =>
      parts.push(
        text((x1 + x2) / 2, 26 + j * 28, l, {
          'text-anchor': 'middle',
          'font-weight': j === 0 ? 700 : undefined,
          fill: j === 0 ? undefined : COLOURS.muted,
        }),
      ),
    )
    for (const t of datasets.length > 1 ? [0, 50, 100] : x.ticks(5)) {
      parts.push(
        el('line', {
          x1: x(t),
          x2: x(t),
          y1: top - 8,
          y2: bottom,
          stroke: COLOURS.grid,
          'stroke-width': 1.5,
        }),
        text(x(t), bottom + 30, String(t), { 'text-anchor': 'middle', fill: COLOURS.muted }),
      )
    }
    // The base model's pass@256: the bar every RL algorithm is compared with.
    if (base)
      parts.push(
        el('line', {
          x1: x(base.values[d]![mk]!),
          x2: x(base.values[d]![mk]!),
          y1: top - 8,
          y2: bottom,
          stroke: COLOURS.base,
          'stroke-width': 2.5,
          'stroke-dasharray': '6 5',
        }),
      )
    for (const m of data.models) {
      const colour = m.role === 'base' ? COLOURS.base : COLOURS.rl
      const cy = y(m.name)! + y.bandwidth() / 2
      const a = m.values[d]![m1]!
      const b = m.values[d]![mk]!
      const place = placeValueLabels(x(a), x(b), fixed1(a), fixed1(b), { x1, x2: x2 + gap })
      parts.push(
        el('line', { x1: x(a), x2: x(b), y1: cy, y2: cy, stroke: colour, 'stroke-width': 4 }),
        el('circle', {
          cx: x(a),
          cy,
          r: DOT,
          fill: COLOURS.bg,
          stroke: colour,
          'stroke-width': 3.5,
        }),
        el('circle', { cx: x(b), cy, r: DOT, fill: colour }),
        text(place.a.anchor === 'end' ? place.a.x2 : place.a.x1, cy + 7, fixed1(a), {
          'text-anchor': place.a.anchor,
          'font-size': VALUE_SIZE,
          class: 'deck-num',
        }),
        text(place.b.anchor === 'end' ? place.b.x2 : place.b.x1, cy + 7, fixed1(b), {
          'text-anchor': place.b.anchor,
          'font-size': VALUE_SIZE,
          class: 'deck-num',
        }),
      )
    }
  })
  // Legend and axis title on the bottom line.
  const legendY = o.height - 14
  const l1 = left
  const l2 = l1 + 24 + textWidth(m1) + 28
  const l3 = l2 + 24 + textWidth(mk) + 28
  parts.push(
    el('circle', {
      cx: l1 + DOT,
      cy: legendY - 7,
      r: DOT,
      fill: COLOURS.bg,
      stroke: COLOURS.ink,
      'stroke-width': 3.5,
    }),
    text(l1 + 24, legendY, m1),
    el('circle', { cx: l2 + DOT, cy: legendY - 7, r: DOT, fill: COLOURS.ink }),
    text(l2 + 24, legendY, mk),
    el('line', {
      x1: l3 + 4,
      x2: l3 + 4,
      y1: legendY - 20,
      y2: legendY + 4,
      stroke: COLOURS.base,
      'stroke-width': 2.5,
      'stroke-dasharray': '6 5',
    }),
    text(l3 + 16, legendY, `base model’s ${mk}`, { fill: COLOURS.base }),
    text(WIDTH, legendY, 'pass@k in %', { 'text-anchor': 'end', fill: COLOURS.muted }),
  )
  const summaries = datasets.map((d) => summary(data, d, m1, mk))
  const rows = data.models.map((m) => [
    m.name,
    ...datasets.flatMap((d) => [fixed1(m.values[d]![m1]!), fixed1(m.values[d]![mk]!)]),
  ])
  const what = datasets.map(labelOf).join(', ')
  return {
    title: `${m1} and ${mk} on ${what}: the base model and six RL algorithms`,
    desc:
      `Dot plot${datasets.length > 1 ? 's, one panel per dataset,' : ''} of ${m1} (hollow dot) and ${mk} (filled dot), in percent, one row per model. ` +
      datasets
        .map(
          (d, i) =>
            `${labelOf(d)}: ` +
            data.models
              .map(
                (m) => `${m.name} ${fixed1(m.values[d]![m1]!)}% to ${fixed1(m.values[d]![mk]!)}%`,
              )
              .join('; ') +
            `.${summaries[i]}`,
        )
        .join(' ') +
      ` Source: ${data.source}.`,
    width: WIDTH,
    height: o.height,
    body: parts.join(''),
    table: {
      caption: `pass@k (%) on ${what}. ${data.source}.`,
      head: [
        'Model',
        ...datasets.flatMap((d) =>
          datasets.length > 1 ? [`${labelOf(d)} ${m1}`, `${labelOf(d)} ${mk}`] : [m1, mk],
        ),
      ],
      rows,
    },
  }
}

/** One dataset's honest summary: the pass@1 gains, and which algorithms pass the base at pass@256. */
function summary(data: MetricTable, d: string, m1: string, mk: string): string {
  const base = data.models.find((m) => m.role === 'base')
  if (!base) return ''
  const rl = data.models.filter((m) => m.role === 'rl')
  const a = (m: (typeof rl)[number]): number => m.values[d]![m1]!
  const b = (m: (typeof rl)[number]): number => m.values[d]![mk]!
  const gains = rl.map((m) => a(m) - a(base))
  const above = rl.filter((m) => b(m) > b(base)).map((m) => m.name)
  return (
    ` The RL algorithms raise ${m1} by ${fixed1(Math.min(...gains))} to ${fixed1(Math.max(...gains))} points;` +
    ` at ${mk} they score ${fixed1(Math.min(...rl.map(b)))}% to ${fixed1(Math.max(...rl.map(b)))}%,` +
    ` against ${fixed1(b(base))}% for the base model` +
    (above.length === rl.length
      ? ', and every RL algorithm is above it.'
      : above.length
        ? `, and ${above.join(', ')} ${above.length === 1 ? 'is' : 'are'} above it.`
        : '.')
  )
}
