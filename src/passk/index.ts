// pass@k maths shared by the build and the browser: Chen et al.'s estimator, expected pass@k, coverage.

/** The largest number of samples per problem `passAtK` accepts. */
export const MAX_SAMPLES = 100_000

/** Throws a `RangeError` unless `value` is an integer in `[min, max]`. */
function checkInteger(fn: string, name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(
      `${fn}: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    )
}

/** Throws a `RangeError` unless `k` is a whole number of tries (1 or more). */
function checkK(fn: string, k: number): void {
  checkInteger(fn, 'k', k, 1, Number.MAX_SAFE_INTEGER)
}

/**
 * The unbiased pass@k estimator of Chen et al. (2021, Eq. 1) for one problem: the probability
 * that `k` of the `n` samples, drawn without replacement, include at least one of the `c` correct
 * ones, `1 - C(n-c, k) / C(n, k)`.
 *
 * It is evaluated in the numerically stable product form of their Figure 3,
 * `1 - prod_{i=n-c+1}^{n} (1 - k/i)` (1 when `n - c < k`), never forming a binomial. The product
 * is accumulated as a sum of `log1p` terms and finished with `expm1`, so a small pass@k (say
 * `c = 1`, `n = 100000`) keeps full precision instead of cancelling in `1 - product`. When `k < c`
 * the equal product over `k` terms, `prod_{j=0}^{k-1} (1 - c/(n-j))`, is shorter and used instead.
 *
 * @param n - samples drawn for the problem, 1 to {@link MAX_SAMPLES}
 * @param c - correct samples among them, 0 to `n`
 * @param k - tries allowed, 1 to `n`
 * @returns pass@k in [0, 1]
 * @throws RangeError if an argument is not an integer in its range
 */
export function passAtK(n: number, c: number, k: number): number {
  checkInteger('passAtK', 'n', n, 1, MAX_SAMPLES)
  checkInteger('passAtK', 'c', c, 0, n)
  checkInteger('passAtK', 'k', k, 1, n)
  if (c === 0) return 0
  if (n - c < k) return 1
  let logProduct = 0
  if (c <= k) for (let i = n - c + 1; i <= n; i++) logProduct += Math.log1p(-k / i)
  else for (let j = 0; j < k; j++) logProduct += Math.log1p(-c / (n - j))
  return -Math.expm1(logProduct)
}

/** One problem's evaluation: `n` samples drawn, `c` of them correct. */
export interface ProblemSamples {
  n: number
  c: number
}

/**
 * pass@k of a problem set: the mean over problems of the unbiased estimator {@link passAtK}
 * (`E_problems[1 - C(n-c, k) / C(n, k)]`), "the proportion of problems … the model can solve
 * within k trials".
 *
 * @throws RangeError if the set is empty, or as {@link passAtK} for any problem
 */
export function datasetPassAtK(problems: readonly ProblemSamples[], k: number): number {
  if (problems.length === 0) throw new RangeError('datasetPassAtK: the problem set is empty')
  let sum = 0
  for (const { n, c } of problems) sum += passAtK(n, c, k)
  return sum / problems.length
}

/** Throws a `RangeError` unless every entry is a probability. */
function checkProbabilities(fn: string, p: readonly number[]): void {
  if (p.length === 0) throw new RangeError(`${fn}: the list of success probabilities is empty`)
  p.forEach((value, i) => {
    if (!(value >= 0 && value <= 1))
      throw new RangeError(
        `${fn}: success probability ${i} must be a number from 0 to 1, got ${String(value)}`,
      )
  })
}

/**
 * Expected pass@k of a model whose success probability on problem `i` is `p[i]`, each try
 * independent: the mean of `1 - (1 - p_i)^k`. Computed as `-expm1(k * log1p(-p_i))`, exact to
 * rounding even for tiny `p_i` and large `k`.
 *
 * @param p - per-problem success probabilities, each in [0, 1]
 * @param k - tries allowed (an integer, 1 or more)
 * @throws RangeError if `p` is empty or holds a value outside [0, 1], or `k` is not a whole count
 */
export function expectedPassAtK(p: readonly number[], k: number): number {
  checkK('expectedPassAtK', k)
  checkProbabilities('expectedPassAtK', p)
  let sum = 0
  for (const pi of p) sum += pi === 1 ? 1 : -Math.expm1(k * Math.log1p(-pi))
  return sum / p.length
}

/**
 * The limit of {@link expectedPassAtK} as `k` grows: the share of problems the model can ever
 * solve (those with a success probability above 0).
 *
 * @throws RangeError if `p` is empty or holds a value outside [0, 1]
 */
export function reachableShare(p: readonly number[]): number {
  checkProbabilities('reachableShare', p)
  return p.filter((pi) => pi > 0).length / p.length
}

/**
 * Coverage of a problem set: the share of problems with at least one correct sample, from
 * per-problem counts of correct samples (pass@n when every problem has `n` samples).
 *
 * @param correct - correct samples per problem, non-negative integers
 * @throws RangeError if the set is empty or a count is not a non-negative integer
 */
export function coverage(correct: readonly number[]): number {
  if (correct.length === 0) throw new RangeError('coverage: the problem set is empty')
  correct.forEach((c, i) =>
    checkInteger('coverage', `correct count ${i}`, c, 0, Number.MAX_SAFE_INTEGER),
  )
  return correct.filter((c) => c > 0).length / correct.length
}

/** How two models' solved sets overlap, as problem counts. */
export interface SolvedOverlap {
  total: number
  both: number
  onlyA: number
  onlyB: number
  neither: number
}

/**
 * Compares which problems two models solve (`true` = solved), problem by problem.
 *
 * @throws RangeError if the lists are empty or of different lengths
 */
export function solvedOverlap(a: readonly boolean[], b: readonly boolean[]): SolvedOverlap {
  if (a.length === 0 || a.length !== b.length)
    throw new RangeError(
      `solvedOverlap: both lists must describe the same non-empty problem set, got ${a.length} and ${b.length} problems`,
    )
  const out: SolvedOverlap = { total: a.length, both: 0, onlyA: 0, onlyB: 0, neither: 0 }
  a.forEach((solvedA, i) => {
    const solvedB = b[i]
    if (solvedA && solvedB) out.both++
    else if (solvedA) out.onlyA++
    else if (solvedB) out.onlyB++
    else out.neither++
  })
  return out
}

/** Where two pass@k curves change order. */
export interface Crossover {
  /** The first `k` (an integer) at which `a(k) - b(k)` has the other sign than at `k = 1`. */
  k: number
  /** Which curve is ahead from `k` on. */
  ahead: 'a' | 'b'
}

/**
 * The first whole `k` in `[2, kMax]` where curve `a` and curve `b` swap order, or `undefined` if
 * the one ahead first (ties count as neither) is never overtaken up to `kMax`. The curves are
 * probed on a log grid and the change is then pinned to an integer by bisection, so a crossing
 * and re-crossing within one grid step (a ratio of 2^(1/16)) may go unseen.
 *
 * @param a - pass@k of the first model, as a function of k
 * @param b - pass@k of the second model
 * @param kMax - the largest k considered, an integer from 1
 * @throws RangeError if `kMax` is not a whole number from 1
 */
export function findCrossover(
  a: (k: number) => number,
  b: (k: number) => number,
  kMax: number,
): Crossover | undefined {
  checkInteger('findCrossover', 'kMax', kMax, 1, Number.MAX_SAFE_INTEGER)
  const sign = (k: number): number => Math.sign(a(k) - b(k))
  let start = 0
  let lo = 1
  for (const k of logGrid(kMax)) {
    const s = sign(k)
    if (start === 0) start = s
    else if (s === -start) {
      let hi = k
      // Invariant: the order at lo is not yet the other one; at hi it is.
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (sign(mid) === -start) hi = mid
        else lo = mid
      }
      return { k: hi, ahead: start > 0 ? 'b' : 'a' }
    }
    lo = k
  }
  return undefined
}

/** Integers from 1 to `to` spaced by a factor of about 2^(1/16), ending at `to`. */
function logGrid(to: number): number[] {
  const out: number[] = []
  for (let x = 1; x < to; x = Math.max(x + 1, Math.round(x * 2 ** (1 / 16)))) out.push(x)
  out.push(to)
  return out
}
