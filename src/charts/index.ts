// The charts a slide can name in a ```chart block, their options, and the explorer's options.
// Charts of data are ```vega-lite blocks (./vega-lite/); a ```chart block names a card of its own.
import { DEFAULT_CONFIG, DEFAULT_STATE, normalise } from '../shared/explorer/model.ts'
import { recordOf, type Roots } from '../untrusted/index.ts'
import type { ExplorerConfig, ExplorerState } from '../shared/explorer/model.ts'
import { ChartDataError, FIGURES_FILE, loadFigures } from './data.ts'
import { figureCardHtml } from './figure-card.ts'

export { ChartDataError, FIGURES_FILE } from './data.ts'
export { explorerHtml } from './explorer.ts'

/** An option's allowed values: one of a list, or an integer/number in a range. */
export type OptionSpec =
  | { kind: 'choice'; values: readonly string[]; default: string }
  | { kind: 'integer' | 'number'; min: number; max: number; default: number; powerOf2?: boolean }

/** Option values by key, after parsing (defaults filled in). */
export type OptionValues = Record<string, string | number>

/** Where a chart reads its deck's files: the deck's folder, through the deck's file-access roots. */
export interface ChartFiles {
  deckDir: string
  roots: Roots
}

/** A chart a slide can name: an HTML figure of its own. */
export interface ChartSpec {
  /** One line for the README and hints. */
  summary: string
  options: Record<string, OptionSpec>
  /** The whole figure's HTML (a figure card: text and a QR code). */
  html: (options: OptionValues, files: ChartFiles, id: string) => string
}

/**
 * Every chart, by the name a ```chart block uses. Look names up with {@link getChart}: a plain
 * object's prototype has names of its own (`constructor`, `toString`).
 */
export const CHARTS: Record<string, ChartSpec> = {
  'figure-card': {
    summary: `a figure with no published numbers (from the deck's ${FIGURES_FILE}): what it shows, caption, where, QR code and link`,
    options: { figure: { kind: 'integer', min: 1, max: 999, default: 1 } },
    html: (o, files, id) => {
      const data = loadFigures(files.deckDir, files.roots)
      const n = String(o.figure)
      if (!Object.hasOwn(data.figures, n))
        throw new ChartDataError(
          `${FIGURES_FILE} has no figure ${n} (it has ${Object.keys(data.figures).join(', ')})`,
        )
      return figureCardHtml(data, n, id)
    },
  },
}

/** The chart called `name`, or `undefined`: own names only, never the prototype's. */
export function getChart(name: string): ChartSpec | undefined {
  return Object.hasOwn(CHARTS, name) ? CHARTS[name] : undefined
}

/** The chart names, for hints and the README. */
export const chartNames = (): string[] => Object.keys(CHARTS)

/** The options of a ```passk-explorer block. */
export const EXPLORER_OPTIONS: Record<string, OptionSpec> = {
  'base-pass1': { kind: 'integer', min: 1, max: 99, default: DEFAULT_STATE.base.pass1 },
  'base-solvable': { kind: 'integer', min: 1, max: 100, default: DEFAULT_STATE.base.solvable },
  'rl-pass1': { kind: 'integer', min: 1, max: 99, default: DEFAULT_STATE.rl.pass1 },
  'rl-solvable': { kind: 'integer', min: 1, max: 100, default: DEFAULT_STATE.rl.solvable },
  kmax: { kind: 'integer', min: 16, max: 65536, default: DEFAULT_CONFIG.kMax, powerOf2: true },
  spread: { kind: 'number', min: 0.25, max: 4, default: DEFAULT_CONFIG.spread },
}

/** Reads one option value against its spec; an `Error` explains why the value is not allowed. */
export function parseOption(key: string, spec: OptionSpec, raw: string): string | number | Error {
  if (spec.kind === 'choice')
    return spec.values.includes(raw)
      ? raw
      : new Error(`\`${key}\` must be one of ${spec.values.join(', ')}; got \`${raw}\``)
  const value = Number(raw)
  const what = spec.kind === 'integer' ? 'an integer' : 'a number'
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (spec.kind === 'number' || Number.isInteger(value)) &&
    value >= spec.min &&
    value <= spec.max &&
    (!spec.powerOf2 || Number.isInteger(Math.log2(value)))
  return ok
    ? value
    : new Error(
        `\`${key}\` must be ${what}${spec.powerOf2 ? ' power of 2' : ''} from ${spec.min} to ${spec.max}; got \`${raw}\``,
      )
}

/** The defaults of a set of options. */
export function defaults(specs: Record<string, OptionSpec>): OptionValues {
  return recordOf(Object.entries(specs).map(([k, s]) => [k, s.default] as const))
}

/** Draws a named chart as its figure (throws ChartDataError on a bad or missing data file). */
export function renderChart(
  name: string,
  options: OptionValues,
  files: ChartFiles,
  id: string,
): string {
  const spec = getChart(name)
  if (!spec) throw new Error(`unknown chart ${name}`)
  return spec.html(options, files, id)
}

/** The explorer's state and config from its block's options. */
export function explorerSettings(o: OptionValues): {
  state: ExplorerState
  config: ExplorerConfig
} {
  return {
    state: {
      base: normalise({ pass1: Number(o['base-pass1']), solvable: Number(o['base-solvable']) }),
      rl: normalise({ pass1: Number(o['rl-pass1']), solvable: Number(o['rl-solvable']) }),
    },
    config: { kMax: Number(o.kmax), spread: Number(o.spread) },
  }
}
