// Chart `grpo-steps`: GRPO checkpoints over training, pass@1 rising while pass@256 falls (v2 Table 3).
import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'
import type { MetricTable } from './data.ts'
import { COLOURS, el, fixed1, text, type ChartParts } from './svg.ts'

/** Options of the `grpo-steps` chart: which Table 3 column pair, and the chart's height. */
export interface GrpoStepsOptions {
  dataset: string
  height: number
}

const WIDTH = 1180

const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${fixed1(Math.abs(x))}`

/** Two lines over training steps (step 0 is the base model), on a 0–100% axis. */
export function grpoStepsChart(data: MetricTable, o: GrpoStepsOptions): ChartParts {
  const [m1 = 'pass@1', mk = 'pass@256'] = data.metrics
  const label = data.datasets[o.dataset] ?? o.dataset
  const points = data.models.map((m) => ({
    name: m.name,
    role: m.role,
    step: m.step ?? 0,
    a: m.values[o.dataset]![m1]!,
    b: m.values[o.dataset]![mk]!,
  }))
  const first = points[0]!
  const last = points.at(-1)!
  const left = 100
  const right = WIDTH - 260
  const top = 34
  const bottom = o.height - 74
  const x = scaleLinear()
    .domain([0, Math.max(...points.map((p) => p.step))])
    .range([left + 70, right - 20])
  const y = scaleLinear().domain([0, 100]).range([bottom, top])
  const parts: string[] = []
  for (const t of y.ticks(5)) {
    parts.push(
      el('line', {
        x1: left,
        x2: right,
        y1: y(t),
        y2: y(t),
        stroke: COLOURS.grid,
        'stroke-width': 1.5,
      }),
      text(left - 12, y(t) + 8, `${t}%`, { 'text-anchor': 'end', fill: COLOURS.muted }),
    )
  }
  for (const p of points)
    parts.push(
      el('line', {
        x1: x(p.step),
        x2: x(p.step),
        y1: bottom,
        y2: bottom + 8,
        stroke: COLOURS.muted,
        'stroke-width': 2,
      }),
      text(x(p.step), bottom + 34, p.role === 'base' ? `${p.step} (base)` : String(p.step), {
        'text-anchor': 'middle',
        fill: COLOURS.muted,
      }),
    )
  parts.push(
    text((left + right) / 2, o.height - 6, `GRPO training step (${label})`, {
      'text-anchor': 'middle',
    }),
    el(
      'text',
      { transform: `translate(28 ${(top + bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle' },
      'pass@k',
    ),
  )
  const path = line<{ step: number; v: number }>()
    .x((p) => x(p.step))
    .y((p) => y(p.v))
  const series = [
    { key: 'b' as const, name: mk, dash: undefined, labelDy: -18 },
    { key: 'a' as const, name: m1, dash: '12 7', labelDy: -18 },
  ]
  for (const s of series) {
    const values = points.map((p) => ({ step: p.step, v: p[s.key] }))
    parts.push(
      el('path', {
        d: path(values) ?? '',
        fill: 'none',
        stroke: COLOURS.rl,
        'stroke-width': 4,
        'stroke-dasharray': s.dash,
      }),
    )
    for (const p of points) {
      const colour = p.role === 'base' ? COLOURS.base : COLOURS.rl
      const cx = x(p.step)
      const cy = y(p[s.key])
      parts.push(
        s.key === 'b'
          ? el('rect', { x: cx - 9, y: cy - 9, width: 18, height: 18, fill: colour })
          : el('circle', { cx, cy, r: 9, fill: '#fff', stroke: colour, 'stroke-width': 3.5 }),
        // pass@1 climbs to the right: its labels sit up and to the left of the point.
        text(s.key === 'a' ? cx - 14 : cx, cy + s.labelDy, fixed1(p[s.key]), {
          'text-anchor': s.key === 'a' ? 'end' : 'middle',
          fill: colour,
        }),
      )
    }
    const change = last[s.key] - first[s.key]
    parts.push(
      text(x(last.step) + 24, y(last[s.key]) + 8, `${s.name} (${signed(change)})`, {
        fill: COLOURS.rl,
        'font-weight': 700,
      }),
    )
  }
  const steps = points.map((p) => p.step)
  return {
    title: `${m1} and ${mk} on ${label} over GRPO training of Qwen2.5-7B`,
    desc:
      `Line chart over training steps ${steps.join(', ')} (step 0 is the base model Qwen2.5-7B). ` +
      `${m1}: ${points.map((p) => `${fixed1(p.a)}%`).join(', ')} (${signed(last.a - first.a)} points). ` +
      `${mk}: ${points.map((p) => `${fixed1(p.b)}%`).join(', ')} (${signed(last.b - first.b)} points). ` +
      `Source: ${data.source}.`,
    width: WIDTH,
    height: o.height,
    body: parts.join(''),
    table: {
      caption: `pass@k (%) on ${label}. ${data.source}.`,
      head: ['Model', 'Step', m1, mk],
      rows: points.map((p) => [p.name, String(p.step), fixed1(p.a), fixed1(p.b)]),
    },
  }
}
