// Chart `aime24-coverage`: which AIME24 problems base and RL solve (v2 Table 4), one square each.
import type { CoverageData } from './data.ts'
import { COLOURS, el, text, textWidth, type ChartParts } from './svg.ts'

/** Options of the `aime24-coverage` chart. */
export interface CoverageOptions {
  height: number
}

const WIDTH = 1180

/**
 * Two rows of squares, one per problem: the RL model's solved problems line up under the base
 * model's, so "solved by RL only" would stick out. Groups, not problem numbers, set the order.
 */
export function coverageChart(d: CoverageData, o: CoverageOptions): ChartParts {
  const rowLabel = {
    base: `Base: ${d.base.name}`,
    rl: `RL: ${d.rl.name}`,
  }
  const left = Math.max(textWidth(rowLabel.base), textWidth(rowLabel.rl)) + 36
  const right = WIDTH - 150
  const cell = (right - left) / d.problems
  const rowHeight = 56
  const rowY = { base: 12, rl: 12 + rowHeight + 22 }
  // Problem order: solved by both, base only, RL only, neither.
  const groups = [
    { name: 'solved by both', count: d.both, base: true, rl: true },
    { name: 'base only', count: d.baseOnly, base: true, rl: false },
    { name: 'RL only', count: d.rlOnly, base: false, rl: true },
    { name: 'neither', count: d.neither, base: false, rl: false },
  ]
  const parts: string[] = []
  let index = 0
  const spans: { name: string; count: number; from: number; to: number }[] = []
  for (const g of groups) {
    spans.push({ name: g.name, count: g.count, from: index, to: index + g.count })
    for (let i = 0; i < g.count; i++, index++) {
      for (const model of ['base', 'rl'] as const) {
        const solved = g[model]
        parts.push(
          el('rect', {
            x: left + index * cell + 1.5,
            y: rowY[model],
            width: cell - 3,
            height: rowHeight,
            rx: 3,
            fill: solved ? COLOURS[model] : '#fff',
            stroke: solved ? COLOURS[model] : COLOURS.grid,
            'stroke-width': 2,
          }),
        )
      }
    }
  }
  for (const model of ['base', 'rl'] as const) {
    const cy = rowY[model] + rowHeight / 2 + 8
    parts.push(
      text(left - 20, cy, rowLabel[model], {
        'text-anchor': 'end',
        fill: COLOURS[model],
        'font-weight': 700,
      }),
      text(right + 16, cy, `${d[model].solved} of ${d.problems}`, {
        fill: COLOURS[model],
        'font-weight': 700,
      }),
    )
  }
  // Brackets under the rows, naming each group. A label that would overlap the one before it
  // slides right within its bracket, or else moves down a line.
  const bracketY = rowY.rl + rowHeight + 14
  let lastEnd = -Infinity
  let line = 0
  for (const s of spans) {
    if (s.count === 0) continue
    const x1 = left + s.from * cell + 2
    const x2 = left + s.to * cell - 2
    const label = `${s.count} ${s.name}`
    const width = textWidth(label)
    let start = (x1 + x2) / 2 - width / 2
    if (start < lastEnd + 16) start = Math.min(lastEnd + 16, x2 - width)
    if (start < lastEnd + 16) {
      line++
      start = (x1 + x2) / 2 - width / 2
    }
    lastEnd = start + width
    parts.push(
      el('path', {
        d: `M${x1} ${bracketY}v8H${x2}v-8`,
        fill: 'none',
        stroke: COLOURS.muted,
        'stroke-width': 2,
      }),
      text(start + width / 2, bracketY + 36 + line * 28, label, { 'text-anchor': 'middle' }),
    )
  }
  // An empty group has no bracket: say it in words on the next line.
  const empty = spans.filter((s) => s.count === 0)
  if (empty.length)
    parts.push(
      text(
        left,
        bracketY + 36 + (line + 1) * 30,
        empty.map((s) => `${s.name}: ${s.count}`).join(', '),
        {
          fill: COLOURS.muted,
        },
      ),
    )
  return {
    title: `${d.benchmark}: problems solved by ${d.base.name} and by ${d.rl.name}`,
    desc:
      `Two rows of ${d.problems} squares, one square per ${d.benchmark} problem, grouped rather than in problem-number order; a filled square is a solved problem. ` +
      `The base model ${d.base.name} solves ${d.base.solved}, the RL model ${d.rl.name} solves ${d.rl.solved}: ` +
      `${d.both} are solved by both, ${d.baseOnly} by the base model only, ${d.rlOnly} by the RL model only and ${d.neither} by neither. ` +
      `Source: ${d.source}. ${d.description}.`,
    width: WIDTH,
    height: o.height,
    body: parts.join(''),
    table: {
      caption: `${d.benchmark} problems solved (of ${d.problems}). ${d.source}.`,
      head: ['Group', 'Problems'],
      rows: [
        ['Solved by both', String(d.both)],
        ['Base model only', String(d.baseOnly)],
        ['RL model only', String(d.rlOnly)],
        ['Neither', String(d.neither)],
        [`Base total (${d.base.name})`, String(d.base.solved)],
        [`RL total (${d.rl.name})`, String(d.rl.solved)],
      ],
    },
  }
}
