// The explorer's illustrative models: two sliders per model -> per-problem success -> pass@k curves.
import { expectedPassAtK, findCrossover, type Crossover } from '../../passk/index.ts'

/** One model as the presenter sets it, in whole percent. */
export interface ModelSettings {
  /** pass@1: the mean per-problem success probability over all problems. */
  pass1: number
  /** The share of problems the model can ever solve (success probability above 0). */
  solvable: number
}

/** The explorer's state: what the URL stores and the sliders show. */
export interface ExplorerState {
  base: ModelSettings
  rl: ModelSettings
}

/** Fixed per widget (set in the Markdown, not by the sliders). */
export interface ExplorerConfig {
  /** The largest k on the axis, a power of 2. */
  kMax: number
  /** Logit spread of per-problem success among solvable problems (1: uniform at 50%). */
  spread: number
}

/** Problems in the illustrative benchmark. */
export const PROBLEMS = 200

/** Slider ranges, in percent. */
export const RANGES = {
  pass1: { min: 1, max: 99 },
  solvable: { min: 1, max: 100 },
} as const

/** Defaults: base solves more problems eventually, RL solves fewer but more reliably. */
export const DEFAULT_STATE: ExplorerState = {
  base: { pass1: 10, solvable: 90 },
  rl: { pass1: 30, solvable: 70 },
}

/** Defaults: k up to 1024 (2^10, where pass@k curves of sampled models usually level off); a moderate spread. */
export const DEFAULT_CONFIG: ExplorerConfig = { kMax: 1024, spread: 1 }

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/**
 * Rounds and clamps a model's settings to the slider ranges; pass@1 can't exceed the solvable
 * share, so whichever of the two was not just changed (`moved`) gives way.
 */
export function normalise(m: ModelSettings, moved: keyof ModelSettings = 'pass1'): ModelSettings {
  let pass1 = clamp(Math.round(m.pass1), RANGES.pass1.min, RANGES.pass1.max)
  let solvable = clamp(Math.round(m.solvable), RANGES.solvable.min, RANGES.solvable.max)
  if (pass1 > solvable) {
    if (moved === 'pass1') solvable = pass1
    else pass1 = solvable
  }
  return { pass1, solvable }
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

/**
 * Per-problem success probabilities for one model: `solvable`% of the problems have a success
 * probability above 0, spread as a logistic distribution on the logit scale (`spread`) whose
 * centre is solved for so that the mean over all problems is pass@1; the rest are never solved.
 */
export function successProbabilities(m: ModelSettings, spread: number): number[] {
  const solvable = Math.round((m.solvable / 100) * PROBLEMS)
  const meanOnSolvable = Math.min(1, ((m.pass1 / 100) * PROBLEMS) / solvable)
  const z = Array.from({ length: solvable }, (_, j) => {
    const u = (j + 0.5) / solvable
    return spread * Math.log(u / (1 - u))
  })
  let p: number[]
  if (meanOnSolvable >= 1) p = z.map(() => 1)
  else {
    const mean = (mu: number): number => z.reduce((s, zj) => s + sigmoid(mu + zj), 0) / solvable
    let lo = -40
    let hi = 40
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2
      if (mean(mid) < meanOnSolvable) lo = mid
      else hi = mid
    }
    p = z.map((zj) => sigmoid((lo + hi) / 2 + zj))
  }
  return p.concat(Array<number>(PROBLEMS - solvable).fill(0))
}

/** Everything the view draws for one state. */
export interface ExplorerResult {
  state: ExplorerState
  config: ExplorerConfig
  /** pass@k at integer k on a log grid from 1 to kMax, per model. */
  curves: { base: [number, number][]; rl: [number, number][] }
  /** First k where the order of the curves changes ('a' = base ahead from there). */
  crossover: Crossover | undefined
  /** pass@k of each model at `k`. */
  at: (model: 'base' | 'rl', k: number) => number
}

/** The integers 1 … kMax on a log2 grid, 16 per doubling. */
export function kGrid(kMax: number): number[] {
  const out = new Set<number>()
  const steps = Math.round(Math.log2(kMax) * 16)
  for (let i = 0; i <= steps; i++) out.add(Math.round(2 ** (i / 16)))
  out.add(kMax)
  return [...out].filter((k) => k <= kMax)
}

/** Computes curves and crossover for a state. */
export function compute(state: ExplorerState, config: ExplorerConfig): ExplorerResult {
  const p = {
    base: successProbabilities(state.base, config.spread),
    rl: successProbabilities(state.rl, config.spread),
  }
  // Curves, crossover and numbers ask for the same k more than once.
  const memo = { base: new Map<number, number>(), rl: new Map<number, number>() }
  const at = (model: 'base' | 'rl', k: number): number => {
    let v = memo[model].get(k)
    if (v === undefined) memo[model].set(k, (v = expectedPassAtK(p[model], k)))
    return v
  }
  const grid = kGrid(config.kMax)
  return {
    state,
    config,
    curves: {
      base: grid.map((k) => [k, at('base', k)]),
      rl: grid.map((k) => [k, at('rl', k)]),
    },
    crossover: findCrossover(
      (k) => at('base', k),
      (k) => at('rl', k),
      config.kMax,
    ),
    at,
  }
}

/** The URL form of a state: `b10-90_r30-70` (pass@1 and solvable share, per model). */
export function encodeState(s: ExplorerState): string {
  return `b${s.base.pass1}-${s.base.solvable}_r${s.rl.pass1}-${s.rl.solvable}`
}

/** Reads a state written by {@link encodeState}; anything malformed gives `undefined`. */
export function decodeState(text: string | null): ExplorerState | undefined {
  const match = /^b(\d{1,3})-(\d{1,3})_r(\d{1,3})-(\d{1,3})$/.exec(text ?? '')
  if (!match) return undefined
  const [b1, bs, r1, rs] = match.slice(1).map(Number) as [number, number, number, number]
  return {
    base: normalise({ pass1: b1, solvable: bs }),
    rl: normalise({ pass1: r1, solvable: rs }),
  }
}
