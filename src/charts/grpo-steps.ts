// Chart `grpo-steps`: GRPO checkpoints over training, pass@1 rising while pass@256 falls (v2 Table 3).
// Two panels: pass@1 on an axis from 0, pass@256 on a zoomed axis that says so, so a drop of a few
// points is visible without pretending it is as large as the pass@1 gain.
import { d3Scale, d3Shape } from './libraries.ts'
import type { MetricTable } from './data.ts'
import { COLOURS, el, fixed1, text, type ChartParts } from './svg.ts'

/** Options of the `grpo-steps` chart: which Table 3 column pair, and the chart's height. */
export interface GrpoStepsOptions {
  dataset: string
  height: number
}

const WIDTH = 1180

const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${fixed1(Math.abs(x))}`

/**
 * The y domain of a panel: from 0 for `fromZero`, else a window of whole even points around the
 * values (at least 8 points tall), so the axis never starts at 0 without saying so.
 */
export function panelDomain(values: number[], fromZero: boolean): [number, number] {
  const max = Math.max(...values)
  const min = Math.min(...values)
  if (fromZero) return [0, Math.min(100, Math.ceil((max + 4) / 10) * 10)]
  let lo = Math.floor((min - 1) / 2) * 2
  let hi = Math.ceil((max + 1) / 2) * 2
  while (hi - lo < 8) {
    lo = Math.max(0, lo - 2)
    if (hi - lo < 8) hi = Math.min(100, hi + 2)
  }
  return [lo, hi]
}

interface Point {
  name: string
  role: 'base' | 'rl'
  step: number
  value: number
}

/** Two line panels over training steps (step 0 is the base model). */
export function grpoStepsChart(data: MetricTable, o: GrpoStepsOptions): ChartParts {
  const { scaleLinear } = d3Scale()
  const { line } = d3Shape()
  const [m1 = 'pass@1', mk = 'pass@256'] = data.metrics
  const label = data.datasets[o.dataset] ?? o.dataset
  const pointsOf = (metric: string): Point[] =>
    data.models.map((m) => ({
      name: m.name,
      role: m.role,
      step: m.step ?? 0,
      value: m.values[o.dataset]![metric]!,
    }))
  const series = [
    { metric: m1, points: pointsOf(m1), fromZero: true, x1: 0, x2: 560, labelSide: -1 },
    { metric: mk, points: pointsOf(mk), fromZero: false, x1: 620, x2: WIDTH, labelSide: 1 },
  ]
  const top = 96
  const bottom = o.height - 78
  const maxStep = Math.max(...series[0]!.points.map((p) => p.step))
  const parts: string[] = []
  for (const s of series) {
    const plotLeft = s.x1 + 72
    const plotRight = s.x2 - 8
    const [lo, hi] = panelDomain(
      s.points.map((p) => p.value),
      s.fromZero,
    )
    const y = scaleLinear().domain([lo, hi]).range([bottom, top])
    const x = scaleLinear()
      .domain([0, maxStep])
      .range([plotLeft + 62, plotRight - 62])
    const first = s.points[0]!
    const last = s.points.at(-1)!
    parts.push(
      text(s.x1, 28, `${s.metric} (${signed(last.value - first.value)})`, {
        fill: COLOURS.rl,
        'font-weight': 700,
      }),
      text(s.x1, 60, s.fromZero ? `axis from 0% to ${hi}%` : `axis zoomed to ${lo}–${hi}%`, {
        fill: COLOURS.muted,
      }),
    )
    const ticks = s.fromZero ? y.ticks(5) : y.ticks(hi - lo > 10 ? 5 : (hi - lo) / 2)
    for (const t of ticks)
      parts.push(
        el('line', {
          x1: plotLeft,
          x2: plotRight,
          y1: y(t),
          y2: y(t),
          stroke: COLOURS.grid,
          'stroke-width': 1.5,
        }),
        text(plotLeft - 10, y(t) + 7, `${t}%`, {
          'text-anchor': 'end',
          fill: COLOURS.muted,
          class: 'deck-num',
        }),
      )
    if (!s.fromZero)
      // A broken-axis mark (two slashes) at the foot of the zoomed axis: it does not start at 0.
      parts.push(
        el('path', {
          d: `M${plotLeft - 6} ${bottom + 7}l10 -14M${plotLeft + 2} ${bottom + 7}l10 -14`,
          fill: 'none',
          stroke: COLOURS.muted,
          'stroke-width': 2,
        }),
      )
    for (const p of s.points)
      parts.push(
        el('line', {
          x1: x(p.step),
          x2: x(p.step),
          y1: bottom,
          y2: bottom + 8,
          stroke: COLOURS.muted,
          'stroke-width': 2,
        }),
        text(x(p.step), bottom + 32, p.role === 'base' ? `${p.step} (base)` : String(p.step), {
          'text-anchor': 'middle',
          fill: COLOURS.muted,
        }),
      )
    const path = line<Point>()
      .x((p) => x(p.step))
      .y((p) => y(p.value))
    parts.push(
      el('path', {
        d: path(s.points) ?? '',
        fill: 'none',
        stroke: COLOURS.rl,
        'stroke-width': 4,
        'stroke-dasharray': s.fromZero ? '12 7' : undefined,
      }),
    )
    for (const p of s.points) {
      const colour = p.role === 'base' ? COLOURS.base : COLOURS.rl
      const cx = x(p.step)
      const cy = y(p.value)
      parts.push(
        s.fromZero
          ? el('circle', { cx, cy, r: 9, fill: COLOURS.bg, stroke: colour, 'stroke-width': 3.5 })
          : el('rect', { x: cx - 9, y: cy - 9, width: 18, height: 18, fill: colour }),
        // A rising line's labels sit up and to the left of each point, a falling line's up and to
        // the right: the line leaves each point on the other side.
        text(cx + s.labelSide * 14, cy - 14, fixed1(p.value), {
          'text-anchor': s.labelSide < 0 ? 'end' : 'start',
          fill: colour,
          'font-weight': 700,
          class: 'deck-num',
        }),
      )
    }
  }
  parts.push(
    text(WIDTH / 2, o.height - 8, `GRPO training step · ${label} · pass@k in %`, {
      'text-anchor': 'middle',
    }),
  )
  const [a, b] = series.map((s) => s.points)
  const steps = a!.map((p) => p.step)
  const change = (ps: Point[]): string => signed(ps.at(-1)!.value - ps[0]!.value)
  return {
    title: `${m1} and ${mk} on ${label} over GRPO training of Qwen2.5-7B`,
    desc:
      `Two line charts over training steps ${steps.join(', ')} (step 0 is the base model Qwen2.5-7B). ` +
      `${m1}, on an axis from 0: ${a!.map((p) => `${fixed1(p.value)}%`).join(', ')} (${change(a!)} points). ` +
      `${mk}, on a zoomed axis: ${b!.map((p) => `${fixed1(p.value)}%`).join(', ')} (${change(b!)} points). ` +
      `Source: ${data.source}.`,
    width: WIDTH,
    height: o.height,
    body: parts.join(''),
    table: {
      caption: `pass@k (%) on ${label}. ${data.source}.`,
      head: ['Model', 'Step', m1, mk],
      rows: a!.map((p, i) => [p.name, String(p.step), fixed1(p.value), fixed1(b![i]!.value)]),
    },
  }
}
