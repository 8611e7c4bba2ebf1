// The charts' data: assets/data/*.json, read at build time and checked before anything is drawn.
import { resolve } from 'node:path'
import { BUDGETS, dataOverBudget, dataRoots, readDeckFile } from '../untrusted/index.ts'

/** A data file that is missing, not JSON, over its budget, or not the shape its chart needs. */
export class ChartDataError extends Error {
  constructor(
    message: string,
    /** The diagnostic code, when it is not `chart-data` (a budget's). */
    readonly code = 'chart-data',
  ) {
    super(message)
  }
}

/** pass@k values per model and dataset, as the paper tabulates them (in %). */
export interface MetricTable {
  /** The paper version and table the numbers come from. */
  source: string
  description: string
  metrics: string[]
  /** Dataset id -> label. */
  datasets: Record<string, string>
  models: {
    name: string
    role: 'base' | 'rl'
    /** Training step (for checkpoints of one run). */
    step?: number
    /** Dataset id -> metric -> value in %. */
    values: Record<string, Record<string, number>>
  }[]
}

/** Which problems two models solve, as counts (from a paper's list of solved problem indices). */
export interface CoverageData {
  source: string
  description: string
  benchmark: string
  /** How many problems the benchmark has; absent when the source lists only solved problems. */
  problems?: number
  base: { name: string; solved: number }
  rl: { name: string; solved: number }
  both: number
  baseOnly: number
  rlOnly: number
  /** Solved by neither model; absent (not 0) when the source does not say. */
  neither?: number
}

type Json = unknown

function read(assetsDir: string, file: string): { json: Json; fail: (msg: string) => never } {
  const fail = (msg: string): never => {
    throw new ChartDataError(`assets/data/${file}: ${msg}`)
  }
  // Through the file-access policy: a link out of assets/data/, a FIFO or a file over the data
  // budget is refused (with what the refusal says, never the file's content).
  const dir = resolve(assetsDir, 'data')
  const got = readDeckFile(file, dir, dataRoots(assetsDir), { maxBytes: BUDGETS.dataBytes })
  if ('code' in got && got.code === 'file-too-large')
    throw new ChartDataError(`assets/data/${file}: ${got.message}`, 'budget-data-bytes')
  if ('code' in got) return fail(got.code === 'missing-file' ? 'not found' : got.message)
  let json: Json
  try {
    json = JSON.parse(got.bytes.toString('utf8')) as Json
  } catch {
    // Not the parser's message: it quotes the file's text.
    return fail('not valid JSON')
  }
  const over = dataOverBudget(json, `assets/data/${file}`)
  if (over) throw new ChartDataError(over.message, over.code)
  return { json, fail }
}

const isObject = (x: Json): x is Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

function str(o: Record<string, Json>, key: string, fail: (m: string) => never, at = ''): string {
  const v = o[key]
  return typeof v === 'string' && v.trim() !== ''
    ? v
    : fail(`${at}${key} must be a non-empty string`)
}

function int(o: Record<string, Json>, key: string, fail: (m: string) => never, at = ''): number {
  const v = o[key]
  return typeof v === 'number' && Number.isInteger(v) && v >= 0
    ? v
    : fail(`${at}${key} must be a non-negative integer`)
}

/** Reads a pass@k table (rl-algorithms.json, grpo-steps.json) and checks every value is there. */
export function loadMetricTable(assetsDir: string, file: string): MetricTable {
  const { json, fail } = read(assetsDir, file)
  if (!isObject(json)) return fail('must be a JSON object')
  const source = str(json, 'source', fail)
  const description = str(json, 'description', fail)
  const metrics = json.metrics
  if (
    !Array.isArray(metrics) ||
    metrics.length === 0 ||
    !metrics.every((m) => typeof m === 'string')
  )
    return fail('metrics must be a list of metric names')
  const datasets = json.datasets
  if (!isObject(datasets) || Object.values(datasets).some((l) => typeof l !== 'string'))
    return fail('datasets must map dataset ids to labels')
  if (!Array.isArray(json.models) || json.models.length === 0)
    return fail('models must be a non-empty list')
  const models = json.models.map((m: Json, i): MetricTable['models'][number] => {
    const at = `models[${i}].`
    if (!isObject(m)) return fail(`models[${i}] must be an object`)
    const role =
      m.role === 'base' || m.role === 'rl' ? m.role : fail(`${at}role must be "base" or "rl"`)
    const values: Record<string, Record<string, number>> = {}
    const given = isObject(m.values) ? m.values : fail(`${at}values must be an object`)
    for (const d of Object.keys(datasets)) {
      const row = given[d]
      if (!isObject(row)) return fail(`${at}values.${d} is missing`)
      values[d] = {}
      for (const metric of metrics as string[]) {
        const v = row[metric]
        if (typeof v !== 'number' || !(v >= 0 && v <= 100))
          return fail(`${at}values.${d}.${metric} must be a number from 0 to 100`)
        values[d][metric] = v
      }
    }
    return {
      name: str(m, 'name', fail, at),
      role,
      step: m.step === undefined ? undefined : int(m, 'step', fail, at),
      values,
    }
  })
  return {
    source,
    description,
    metrics: metrics as string[],
    datasets: datasets as Record<string, string>,
    models,
  }
}

/**
 * Reads a coverage file (aime24-coverage.json, livecodebench-coverage.json) and checks the counts
 * add up. `problems` and `neither` go together: both given, or both absent.
 */
export function loadCoverage(assetsDir: string, file: string): CoverageData {
  const { json, fail } = read(assetsDir, file)
  if (!isObject(json)) return fail('must be a JSON object')
  const model = (key: 'base' | 'rl'): { name: string; solved: number } => {
    const m = json[key]
    if (!isObject(m)) return fail(`${key} must be an object with name and solved`)
    return { name: str(m, 'name', fail, `${key}.`), solved: int(m, 'solved', fail, `${key}.`) }
  }
  const data: CoverageData = {
    source: str(json, 'source', fail),
    description: str(json, 'description', fail),
    benchmark: str(json, 'benchmark', fail),
    problems: json.problems === undefined ? undefined : int(json, 'problems', fail),
    base: model('base'),
    rl: model('rl'),
    both: int(json, 'both', fail),
    baseOnly: int(json, 'baseOnly', fail),
    rlOnly: int(json, 'rlOnly', fail),
    neither: json.neither === undefined ? undefined : int(json, 'neither', fail),
  }
  if ((data.problems === undefined) !== (data.neither === undefined))
    fail('give both problems and neither, or neither of them')
  if (data.both + data.baseOnly !== data.base.solved) fail('both + baseOnly must equal base.solved')
  if (data.both + data.rlOnly !== data.rl.solved) fail('both + rlOnly must equal rl.solved')
  if (
    data.problems !== undefined &&
    data.both + data.baseOnly + data.rlOnly + (data.neither ?? 0) !== data.problems
  )
    fail('both + baseOnly + rlOnly + neither must equal problems')
  return data
}

/** A figure of the paper that publishes no numbers: described and linked, never redrawn. */
export interface PaperFigure {
  /** What the figure shows, in one line. */
  what: string
  /** The caption, verbatim. */
  caption: string
  /** Where it is in the paper (version, section, figure). */
  where: string
  /** A link to the figure in the paper (https). */
  url: string
}

/** The paper's figures by number (paper-figures.json). */
export interface PaperFigures {
  source: string
  description: string
  figures: Record<string, PaperFigure>
}

/** Reads paper-figures.json and checks every figure has its four texts and an https link. */
export function loadFigures(assetsDir: string, file: string): PaperFigures {
  const { json, fail } = read(assetsDir, file)
  if (!isObject(json)) return fail('must be a JSON object')
  const figures = json.figures
  if (!isObject(figures) || Object.keys(figures).length === 0)
    return fail('figures must map figure numbers to figures')
  const out = new Map<string, PaperFigure>()
  for (const [n, f] of Object.entries(figures)) {
    const at = `figures.${n}.`
    if (!isObject(f)) return fail(`figures.${n} must be an object`)
    const url = str(f, 'url', fail, at)
    if (!/^https:\/\/[^\s"<>]+$/.test(url)) fail(`${at}url must be an https link`)
    out.set(n, {
      what: str(f, 'what', fail, at),
      caption: str(f, 'caption', fail, at),
      where: str(f, 'where', fail, at),
      url,
    })
  }
  return {
    source: str(json, 'source', fail),
    description: str(json, 'description', fail),
    figures: Object.fromEntries(out),
  }
}
