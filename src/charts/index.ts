// The charts a slide can name in a ```chart block, their options, and the explorer's options.
import { DEFAULT_CONFIG, DEFAULT_STATE, normalise } from '../shared/explorer/model.ts'
import { recordOf } from '../untrusted/index.ts'
import type { ExplorerConfig, ExplorerState } from '../shared/explorer/model.ts'
import { coverageChart } from './aime24-coverage.ts'
import { ChartDataError, loadCoverage, loadFigures, loadMetricTable } from './data.ts'
import { figureCardHtml } from './figure-card.ts'
import { grpoStepsChart } from './grpo-steps.ts'
import { rlAlgorithmsChart } from './rl-algorithms.ts'
import { figureHtml, type ChartParts } from './svg.ts'

export { ChartDataError } from './data.ts'
export { explorerHtml } from './explorer.ts'

/** An option's allowed values: one of a list, or an integer/number in a range. */
export type OptionSpec =
  | { kind: 'choice'; values: readonly string[]; default: string }
  | { kind: 'integer' | 'number'; min: number; max: number; default: number; powerOf2?: boolean }

/** Option values by key, after parsing (defaults filled in). */
export type OptionValues = Record<string, string | number>

/** A chart a slide can name: an SVG chart (`render`) or an HTML figure of its own (`html`). */
export type ChartSpec = {
  /** One line for the README and hints. */
  summary: string
  options: Record<string, OptionSpec>
} & (
  | {
      /** The SVG's parts; {@link renderChart} wraps them in a figure with a data table. */
      render: (options: OptionValues, assetsDir: string) => ChartParts
    }
  | {
      /** The whole figure's HTML (a figure card: text and a QR code). */
      html: (options: OptionValues, assetsDir: string, id: string) => string
    }
)

const DATASETS = ['omni-math-train', 'omni-math-test', 'math500'] as const
const dataset: OptionSpec = { kind: 'choice', values: DATASETS, default: 'omni-math-train' }
const height = (def: number): OptionSpec => ({ kind: 'integer', min: 240, max: 460, default: def })
const COVERAGE_FILES = {
  aime24: 'aime24-coverage.json',
  livecodebench: 'livecodebench-coverage.json',
} as const

/**
 * Every chart, by the name a ```chart block uses. Look names up with {@link getChart}: a plain
 * object's prototype has names of its own (`constructor`, `toString`).
 */
export const CHARTS: Record<string, ChartSpec> = {
  'rl-algorithms': {
    summary:
      'pass@1 vs pass@256, base model and six RL algorithms (v2 Table 2), one dataset or `all` three side by side',
    options: {
      dataset: { kind: 'choice', values: [...DATASETS, 'all'], default: 'omni-math-train' },
      height: height(430),
    },
    render: (o, assetsDir) =>
      rlAlgorithmsChart(loadMetricTable(assetsDir, 'rl-algorithms.json'), {
        dataset: String(o.dataset),
        height: Number(o.height),
      }),
  },
  'grpo-steps': {
    summary: 'pass@1 and pass@256 over GRPO training steps (v2 Table 3)',
    options: { dataset, height: height(430) },
    render: (o, assetsDir) =>
      grpoStepsChart(loadMetricTable(assetsDir, 'grpo-steps.json'), {
        dataset: String(o.dataset),
        height: Number(o.height),
      }),
  },
  'aime24-coverage': {
    summary: 'AIME24 problems solved by base vs RL (v2 Table 4)',
    options: { height: height(250) },
    render: (o, assetsDir) =>
      coverageChart([loadCoverage(assetsDir, COVERAGE_FILES.aime24)], {
        height: Number(o.height),
      }),
  },
  'livecodebench-coverage': {
    summary: 'LiveCodeBench problems 400–450 solved by base vs RL (v2 Table 5)',
    options: { height: height(240) },
    render: (o, assetsDir) =>
      coverageChart([loadCoverage(assetsDir, COVERAGE_FILES.livecodebench)], {
        height: Number(o.height),
      }),
  },
  coverage: {
    summary: 'AIME24 and LiveCodeBench strips at one scale (v2 Tables 4 and 5)',
    options: { height: height(240) },
    render: (o, assetsDir) =>
      coverageChart(
        Object.values(COVERAGE_FILES).map((file) => loadCoverage(assetsDir, file)),
        { height: Number(o.height) },
      ),
  },
  'figure-card': {
    summary: 'a figure with no published numbers: what it shows, caption, where, QR code and link',
    // The figures of paper-figures.json (a unit test keeps the two lists equal).
    options: { figure: { kind: 'choice', values: ['2', '3', '7'], default: '2' } },
    html: (o, assetsDir, id) => {
      const data = loadFigures(assetsDir, 'paper-figures.json')
      const n = String(o.figure)
      if (!Object.hasOwn(data.figures, n))
        throw new ChartDataError(
          `assets/data/paper-figures.json has no figure ${n} (it has ${Object.keys(data.figures).join(', ')})`,
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

/** Draws a named chart as a figure with its data table (throws ChartDataError on bad data). */
export function renderChart(
  name: string,
  options: OptionValues,
  assetsDir: string,
  id: string,
): string {
  const spec = getChart(name)
  if (!spec) throw new Error(`unknown chart ${name}`)
  if ('html' in spec) return spec.html(options, assetsDir, id)
  return figureHtml(name, id, spec.render(options, assetsDir))
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
