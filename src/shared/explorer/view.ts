// The explorer's markup as strings: the pass@k chart (SVG), the numbers table and the status line.
import { COLOURS } from '../colours.ts'
import { escapeHtml as esc } from '../html.ts'
import type { ExplorerResult } from './model.ts'

const W = 700
const H = 380
const LEFT = 92
const RIGHT = W - 76
const TOP = 44
const BOTTOM = H - 78

/** `0.8831` -> `88.3%`. */
export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`

/** The sentence naming where the curves cross (also the status line under the numbers). */
export function crossoverText(r: ExplorerResult): string {
  const { crossover, config } = r
  if (crossover)
    return crossover.ahead === 'a'
      ? `Base overtakes RL at k = ${crossover.k}`
      : `RL overtakes base at k = ${crossover.k}`
  const d = r.at('base', 1) - r.at('rl', 1)
  if (d === 0 && r.at('base', config.kMax) === r.at('rl', config.kMax)) return 'The curves coincide'
  const ahead = d > 0 || (d === 0 && r.at('base', config.kMax) > r.at('rl', config.kMax))
  return `${ahead ? 'Base' : 'RL'} is ahead at every k up to ${config.kMax}`
}

/** A text description of the chart for `<desc>`. */
export function describe(r: ExplorerResult): string {
  const { state, config } = r
  const model = (name: string, key: 'base' | 'rl'): string =>
    `${name} (pass@1 ${state[key].pass1}%, can ever solve ${state[key].solvable}%): ` +
    `pass@${config.kMax} ${percent(r.at(key, config.kMax))}.`
  return (
    `Illustrative model, not data from the paper. pass@k against k from 1 to ${config.kMax} ` +
    `on a log2 axis. ${model('Base model', 'base')} ${model('RL model', 'rl')} ${crossoverText(r)}.`
  )
}

/** The chart: both pass@k curves on a log2 k axis, with the crossover marked. */
export function chartSvg(r: ExplorerResult, id: string): string {
  const { kMax } = r.config
  const exponents = Math.log2(kMax)
  const x = (k: number): number => LEFT + (Math.log2(k) / exponents) * (RIGHT - LEFT)
  const y = (v: number): number => BOTTOM - v * (BOTTOM - TOP)
  const f = (n: number): string => n.toFixed(1)
  const parts: string[] = []
  // Grid and y axis: 0, 25, 50, 75, 100 %.
  for (let i = 0; i <= 4; i++) {
    const v = i / 4
    parts.push(
      `<line x1="${LEFT}" x2="${RIGHT}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="${COLOURS.grid}" stroke-width="1.5"/>`,
      `<text x="${LEFT - 12}" y="${f(y(v) + 7)}" text-anchor="end" fill="${COLOURS.muted}">${v * 100}%</text>`,
    )
  }
  // x axis: a tick per doubling, labelled every `step` doublings.
  const step = Math.max(1, Math.ceil(exponents / 5))
  for (let e = 0; e <= exponents; e++) {
    const at = f(x(2 ** e))
    const labelled = e % step === 0 || e === exponents
    parts.push(
      `<line x1="${at}" x2="${at}" y1="${BOTTOM}" y2="${BOTTOM + (labelled ? 10 : 6)}" stroke="${COLOURS.muted}" stroke-width="2"/>`,
    )
    if (labelled)
      parts.push(
        `<text x="${at}" y="${BOTTOM + 34}" text-anchor="middle" fill="${COLOURS.muted}">${2 ** e}</text>`,
      )
  }
  parts.push(
    `<line x1="${LEFT}" x2="${RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}" stroke="${COLOURS.muted}" stroke-width="2"/>`,
    `<text x="${(LEFT + RIGHT) / 2}" y="${H - 8}" text-anchor="middle" fill="${COLOURS.ink}">k, tries per problem (log scale)</text>`,
    `<text transform="translate(24 ${(TOP + BOTTOM) / 2}) rotate(-90)" text-anchor="middle" fill="${COLOURS.ink}">pass@k</text>`,
  )
  // The crossover, behind the curves.
  const c = r.crossover
  if (c) {
    const cx = f(x(c.k))
    const label = Math.min(Math.max(x(c.k), LEFT + 50), RIGHT - 50)
    parts.push(
      `<line x1="${cx}" x2="${cx}" y1="${TOP}" y2="${BOTTOM}" stroke="${COLOURS.ink}" stroke-width="2" stroke-dasharray="6 6"/>`,
      `<text x="${f(label)}" y="${TOP - 14}" text-anchor="middle" font-weight="700" fill="${COLOURS.ink}">k = ${c.k}</text>`,
    )
  }
  const path = (pts: [number, number][]): string =>
    pts.map(([k, v], i) => `${i ? 'L' : 'M'}${f(x(k))} ${f(y(v))}`).join('')
  parts.push(
    `<path d="${path(r.curves.base)}" fill="none" stroke="${COLOURS.base}" stroke-width="4" stroke-linejoin="round"/>`,
    `<path d="${path(r.curves.rl)}" fill="none" stroke="${COLOURS.rl}" stroke-width="4" stroke-dasharray="12 6" stroke-linejoin="round"/>`,
  )
  if (c)
    parts.push(
      `<circle cx="${f(x(c.k))}" cy="${f(y(r.at('base', c.k)))}" r="7" fill="${COLOURS.bg}" stroke="${COLOURS.ink}" stroke-width="3"/>`,
    )
  // End labels, pushed apart when the curves end close together.
  let yb = y(r.at('base', kMax))
  let yr = y(r.at('rl', kMax))
  if (Math.abs(yb - yr) < 26) {
    const mid = (yb + yr) / 2
    const sign = yb <= yr ? -1 : 1
    yb = mid + sign * 13
    yr = mid - sign * 13
  }
  parts.push(
    `<text x="${RIGHT + 10}" y="${f(yb + 7)}" font-weight="700" fill="${COLOURS.base}">Base</text>`,
    `<text x="${RIGHT + 10}" y="${f(yr + 7)}" font-weight="700" fill="${COLOURS.rl}">RL</text>`,
  )
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" font-size="22" fill="${COLOURS.ink}" ` +
    `style="display:block;max-width:100%;height:auto;font-family:inherit">` +
    `<title id="${id}-title">pass@k of an illustrative base model and RL model, k = 1 to ${kMax}</title>` +
    `<desc id="${id}-desc">${esc(describe(r))}</desc>${parts.join('')}</svg>`
  )
}

/** The numbers beside the chart, as the rows of a table body. */
export function numbersRows(r: ExplorerResult): string {
  const { kMax } = r.config
  const cell = `padding:3px 14px;border-bottom:2px solid ${COLOURS.grid}`
  const row = (label: string, base: string, rl: string): string =>
    `<tr><th scope="row" style="${cell};color:${COLOURS.ink};font-weight:600">${label}</th>` +
    `<td style="${cell}">${base}</td><td style="${cell}">${rl}</td></tr>`
  return (
    row('pass@1', percent(r.at('base', 1)), percent(r.at('rl', 1))) +
    row(`pass@${kMax}`, percent(r.at('base', kMax)), percent(r.at('rl', kMax))) +
    row('can ever solve', `${r.state.base.solvable}%`, `${r.state.rl.solvable}%`)
  )
}
