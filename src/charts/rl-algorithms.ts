// Chart `rl-algorithms`: pass@1 and pass@256 of the base model and six RL algorithms (v2 Table 2).
import { scaleBand, scaleLinear } from 'd3-scale'
import type { MetricTable } from './data.ts'
import { COLOURS, el, fixed1, text, textWidth, type ChartParts } from './svg.ts'

/** Options of the `rl-algorithms` chart: which Table 2 column pair, and the chart's height. */
export interface RlAlgorithmsOptions {
  dataset: string
  height: number
}

const WIDTH = 1180

/** A dot plot: per model, a hollow dot at pass@1 joined to a filled dot at pass@256. */
export function rlAlgorithmsChart(data: MetricTable, o: RlAlgorithmsOptions): ChartParts {
  const [m1 = 'pass@1', mk = 'pass@256'] = data.metrics
  const label = data.datasets[o.dataset] ?? o.dataset
  const rows = data.models.map((m) => ({
    ...m,
    a: m.values[o.dataset]![m1]!,
    b: m.values[o.dataset]![mk]!,
  }))
  const base = rows.find((r) => r.role === 'base')
  const left = Math.max(...rows.map((r) => textWidth(r.name))) + 40
  const right = WIDTH - 70
  const top = 60
  const bottom = o.height - 70
  const x = scaleLinear().domain([0, 100]).range([left, right])
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.name))
    .range([top, bottom])
    .paddingInner(0.25)
  const parts: string[] = []
  for (const t of x.ticks(5)) {
    parts.push(
      el('line', {
        x1: x(t),
        x2: x(t),
        y1: top - 6,
        y2: bottom,
        stroke: COLOURS.grid,
        'stroke-width': 1.5,
      }),
      text(x(t), bottom + 32, String(t), { 'text-anchor': 'middle', fill: COLOURS.muted }),
    )
  }
  parts.push(
    text((left + right) / 2, o.height - 6, `${label}: pass@k (%)`, { 'text-anchor': 'middle' }),
  )
  // Legend, top left.
  parts.push(
    el('circle', {
      cx: left + 10,
      cy: 24,
      r: 9,
      fill: '#fff',
      stroke: COLOURS.ink,
      'stroke-width': 3.5,
    }),
    text(left + 28, 31, m1),
    el('circle', { cx: left + 140, cy: 24, r: 9, fill: COLOURS.ink }),
    text(left + 158, 31, mk),
  )
  // The base model's pass@256, the bar every RL algorithm is compared with.
  if (base) {
    parts.push(
      el('line', {
        x1: x(base.b),
        x2: x(base.b),
        y1: top - 12,
        y2: bottom,
        stroke: COLOURS.base,
        'stroke-width': 2,
        'stroke-dasharray': '6 5',
      }),
      text(x(base.b) - 10, 31, `base ${mk} = ${fixed1(base.b)}`, {
        'text-anchor': 'end',
        fill: COLOURS.base,
      }),
    )
  }
  for (const r of rows) {
    const colour = r.role === 'base' ? COLOURS.base : COLOURS.rl
    const cy = y(r.name)! + y.bandwidth() / 2
    parts.push(
      text(left - 24, cy + 8, r.name, {
        'text-anchor': 'end',
        fill: colour,
        'font-weight': r.role === 'base' ? 700 : undefined,
      }),
      el('line', { x1: x(r.a), x2: x(r.b), y1: cy, y2: cy, stroke: colour, 'stroke-width': 4 }),
      el('circle', { cx: x(r.a), cy, r: 9, fill: '#fff', stroke: colour, 'stroke-width': 3.5 }),
      el('circle', { cx: x(r.b), cy, r: 9, fill: colour }),
      text(x(r.a) - 16, cy + 8, fixed1(r.a), { 'text-anchor': 'end' }),
      text(x(r.b) + 16, cy + 8, fixed1(r.b)),
    )
  }
  const rl = rows.filter((r) => r.role === 'rl')
  const gains = base ? rl.map((r) => r.a - base.a) : []
  const above = base ? rl.filter((r) => r.b > base.b).map((r) => r.name) : []
  const summary = base
    ? ` The RL algorithms raise ${m1} by ${fixed1(Math.min(...gains))} to ${fixed1(Math.max(...gains))} points;` +
      ` at ${mk} they score ${fixed1(Math.min(...rl.map((r) => r.b)))}% to ${fixed1(Math.max(...rl.map((r) => r.b)))}%,` +
      ` against ${fixed1(base.b)}% for the base model` +
      (above.length === rl.length
        ? ', and every RL algorithm is above it.'
        : above.length
          ? `, and ${above.join(', ')} ${above.length === 1 ? 'is' : 'are'} above it.`
          : '.')
    : ''
  return {
    title: `${m1} and ${mk} on ${label}: the base model and six RL algorithms`,
    desc:
      `Dot plot of ${m1} (hollow dot) and ${mk} (filled dot) on ${label}, in percent, one row per model: ` +
      rows.map((r) => `${r.name} ${fixed1(r.a)}% to ${fixed1(r.b)}%`).join('; ') +
      `.${summary} Source: ${data.source}.`,
    width: WIDTH,
    height: o.height,
    body: parts.join(''),
    table: {
      caption: `pass@k (%) on ${label}. ${data.source}.`,
      head: ['Model', m1, mk],
      rows: rows.map((r) => [r.name, fixed1(r.a), fixed1(r.b)]),
    },
  }
}
