// Charts `aime24-coverage`, `livecodebench-coverage` and `coverage`: which problems base and RL
// solve (v2 Tables 4 and 5), one square per problem, one strip per benchmark at the same scale.
import type { CoverageData } from './data.ts'
import { COLOURS, el, text, textWidth, type ChartParts } from './svg.ts'

/** Options of the coverage charts. */
export interface CoverageOptions {
  height: number
}

const WIDTH = 1180
const ROW = 40
const ROW_GAP = 10
const LINE = 28

type Model = 'base' | 'rl'

/** The problems a strip draws: all of them, or only those either model solves. */
const shown = (d: CoverageData): number => d.problems ?? d.both + d.baseOnly + d.rlOnly

/** One benchmark's strip: a heading, two rows of squares, brackets naming the groups. */
function strip(
  d: CoverageData,
  y0: number,
  geometry: { left: number; cell: number; right: number },
): { parts: string[]; height: number } {
  const { left, cell, right } = geometry
  const parts: string[] = []
  const heading =
    d.problems === undefined
      ? `${d.benchmark}: the ${shown(d)} problems either model solves`
      : `${d.benchmark}: all ${d.problems} problems`
  parts.push(text(0, y0 + 22, heading, { 'font-weight': 700 }))
  const rowY: Record<Model, number> = { base: y0 + 36, rl: y0 + 36 + ROW + ROW_GAP }
  const groups = [
    { name: 'solved by both', count: d.both, base: true, rl: true },
    { name: 'base only', count: d.baseOnly, base: true, rl: false },
    { name: 'RL only', count: d.rlOnly, base: false, rl: true },
    ...(d.neither === undefined
      ? []
      : [{ name: 'neither', count: d.neither, base: false, rl: false }]),
  ]
  let index = 0
  const spans: { name: string; count: number; from: number; to: number }[] = []
  for (const g of groups) {
    spans.push({ name: g.name, count: g.count, from: index, to: index + g.count })
    for (let i = 0; i < g.count; i++, index++)
      for (const model of ['base', 'rl'] as const) {
        const solved = g[model]
        parts.push(
          el('rect', {
            x: left + index * cell + 1.5,
            y: rowY[model],
            width: cell - 3,
            height: ROW,
            rx: 3,
            fill: solved ? COLOURS[model] : COLOURS.bg,
            // An empty square's outline is a graphic a reader must see: muted, 3:1 or more.
            stroke: solved ? COLOURS[model] : COLOURS.muted,
            'stroke-width': solved ? 2 : 1.5,
          }),
        )
      }
  }
  const rowLabel: Record<Model, string> = {
    base: `Base: ${d.base.name}`,
    rl: `RL: ${d.rl.name}`,
  }
  for (const model of ['base', 'rl'] as const) {
    const cy = rowY[model] + ROW / 2 + 8
    parts.push(
      text(left - 16, cy, rowLabel[model], {
        'text-anchor': 'end',
        fill: COLOURS[model],
        'font-weight': 700,
      }),
      text(
        left + index * cell + 14,
        cy,
        d.problems === undefined
          ? `${d[model].solved} solved`
          : `${d[model].solved} of ${d.problems}`,
        { fill: COLOURS[model], 'font-weight': 700, class: 'deck-num' },
      ),
    )
  }
  // Brackets under the rows, naming each group. A label that would overlap the one before it
  // slides right within its bracket, or else moves down a line.
  const bracketY = rowY.rl + ROW + 10
  let lastEnd = -Infinity
  let line = 0
  for (const s of spans) {
    if (s.count === 0) continue
    const x1 = left + s.from * cell + 2
    const x2 = left + s.to * cell - 2
    const label = `${s.count} ${s.name}`
    const width = textWidth(label)
    let start = (x1 + x2) / 2 - width / 2
    if (start < lastEnd + 16) start = Math.min(lastEnd + 16, Math.max(x1, x2 - width))
    if (start < lastEnd + 16 || start + width > right) {
      line++
      start = Math.min((x1 + x2) / 2 - width / 2, right - width)
      lastEnd = -Infinity
    }
    lastEnd = start + width
    parts.push(
      el('path', {
        d: `M${x1} ${bracketY}v8H${x2}v-8`,
        fill: 'none',
        stroke: COLOURS.muted,
        'stroke-width': 2,
      }),
      text(start, bracketY + 34 + line * LINE, label),
    )
  }
  // An empty group has no bracket: say it in words on the next line.
  const empty = spans.filter((s) => s.count === 0)
  const notes = [
    ...(empty.length ? [empty.map((s) => `${s.name}: ${s.count}`).join(', ')] : []),
    ...(d.neither === undefined ? ['problems neither model solves are not listed'] : []),
  ]
  if (notes.length) {
    line++
    parts.push(text(left, bracketY + 34 + line * LINE, notes.join('; '), { fill: COLOURS.muted }))
  }
  return { parts, height: bracketY + 34 + line * LINE + 10 - y0 }
}

/**
 * Strips of squares, one per problem: the RL model's solved problems line up under the base
 * model's, so "solved by RL only" sticks out. Groups, not problem numbers, set the order. Several
 * benchmarks share one square size, so their strips compare at a glance.
 */
export function coverageChart(benchmarks: CoverageData[], o: CoverageOptions): ChartParts {
  const labels = benchmarks.flatMap((d) => [`Base: ${d.base.name}`, `RL: ${d.rl.name}`])
  const left = Math.max(...labels.map((l) => textWidth(l, undefined, 'bold'))) + 28
  const right = WIDTH - 130
  const cell = (right - left) / Math.max(...benchmarks.map(shown))
  const parts: string[] = []
  let y = 0
  for (const d of benchmarks) {
    const s = strip(d, y, { left, cell, right })
    parts.push(...s.parts)
    y += s.height + 12
  }
  const height = Math.max(o.height, Math.ceil(y - 12))
  const one = benchmarks.length === 1
  const describe = (d: CoverageData): string =>
    `${d.benchmark}: the base model ${d.base.name} solves ${d.base.solved}` +
    `${d.problems === undefined ? '' : ` of ${d.problems}`}, the RL model ${d.rl.name} solves ${d.rl.solved}: ` +
    `${d.both} are solved by both, ${d.baseOnly} by the base model only, ${d.rlOnly} by the RL model only` +
    (d.neither === undefined
      ? ' (problems solved by neither are not listed).'
      : ` and ${d.neither} by neither.`) +
    ` Source: ${d.source}. ${d.description}.`
  const rows = (d: CoverageData): string[][] => {
    const p = one ? '' : `${d.benchmark}: `
    return [
      [`${p}Solved by both`, String(d.both)],
      [`${p}Base model only`, String(d.baseOnly)],
      [`${p}RL model only`, String(d.rlOnly)],
      ...(d.neither === undefined ? [] : [[`${p}Neither`, String(d.neither)]]),
      [`${p}Base total (${d.base.name})`, String(d.base.solved)],
      [`${p}RL total (${d.rl.name})`, String(d.rl.solved)],
    ]
  }
  return {
    title: benchmarks
      .map((d) => `${d.benchmark}: problems solved by ${d.base.name} and by ${d.rl.name}`)
      .join('; '),
    desc:
      `Rows of squares, one square per problem, grouped rather than in problem-number order; a filled square is a solved problem. ` +
      benchmarks.map(describe).join(' '),
    width: WIDTH,
    height,
    body: parts.join(''),
    table: {
      caption:
        benchmarks
          .map((d) =>
            d.problems === undefined
              ? `${d.benchmark} problems solved`
              : `${d.benchmark} problems solved (of ${d.problems})`,
          )
          .join('; ') + `. ${benchmarks.map((d) => d.source).join('; ')}.`,
      head: ['Group', 'Problems'],
      rows: benchmarks.flatMap(rows),
    },
  }
}
