// src/passk: exact values against BigInt binomials, edge cases, validation and properties.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  coverage,
  datasetPassAtK,
  expectedPassAtK,
  findCrossover,
  MAX_SAMPLES,
  passAtK,
  reachableShare,
  solvedOverlap,
} from '../../../src/passk/index.ts'

/** C(n, k) exactly. */
function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n
  const m = Math.min(k, n - k)
  let out = 1n
  // out * (n - i) is divisible by (i + 1) at every step: out stays C(n, i + 1).
  for (let i = 0; i < m; i++) out = (out * BigInt(n - i)) / BigInt(i + 1)
  return out
}

/** p / q as the nearest double (p, q > 0, p / q not tiny). */
function ratio(p: bigint, q: bigint): number {
  if (p === 0n) return 0
  const shift = q.toString(2).length - p.toString(2).length + 80
  return Number((p << BigInt(shift)) / q) * 2 ** -shift
}

/**
 * 1 - C(n-c, k) / C(n, k), computed exactly with BigInt and rounded once. The quotient is the
 * product of (n-c-i) / (n-i) over i < k, or equally of (n-k-i) / (n-i) over i < c: the shorter
 * of the two, so n = 100,000 needs hundreds of small products, not binomials of 100,000 bits.
 */
function exactPassAtK(n: number, c: number, k: number): number {
  const [m, shift] = c < k ? [c, k] : [k, c]
  let num = 1n
  let den = 1n
  for (let i = 0; i < m; i++) {
    num *= BigInt(Math.max(0, n - shift - i))
    den *= BigInt(n - i)
  }
  return ratio(den - num, den)
}

/** |actual - expected| <= tol * expected, printed with both values when it fails. */
function expectRelative(actual: number, expected: number, tol: number): void {
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / expected
  expect(err, `got ${actual}, exact ${expected}`).toBeLessThanOrEqual(tol)
}

describe('passAtK: the unbiased estimator, against exact BigInt binomials', () => {
  it('gives the worked example of the slides: n = 1024, c = 3, k = 256 -> 0.5785', () => {
    // 1 - (768 * 767 * 766) / (1024 * 1023 * 1022), exactly.
    const exact = ratio(1024n * 1023n * 1022n - 768n * 767n * 766n, 1024n * 1023n * 1022n)
    expect(exactPassAtK(1024, 3, 256)).toBe(exact)
    expectRelative(passAtK(1024, 3, 256), exact, 1e-15)
    expect(passAtK(1024, 3, 256).toFixed(4)).toBe('0.5785')
  })

  const table: [n: number, c: number, k: number][] = [
    [1, 1, 1],
    [2, 1, 1],
    [10, 1, 1],
    [10, 3, 2],
    [10, 5, 5],
    [20, 10, 3],
    [200, 1, 1],
    [200, 1, 100],
    [200, 17, 100],
    [200, 150, 50],
    [256, 1, 256],
    [1024, 1, 1],
    [1024, 2, 512],
    [1024, 100, 8],
    [2000, 1000, 999],
    [5000, 2500, 2499],
    [MAX_SAMPLES, 1, 1],
    [MAX_SAMPLES, 1, 2],
    [MAX_SAMPLES, 3, 256],
    [MAX_SAMPLES, 7, 1000],
    [MAX_SAMPLES, 50, 40],
    [MAX_SAMPLES, 99_990, 5],
    [MAX_SAMPLES, 200, 50_000],
  ]
  it.each(table)('n = %i, c = %i, k = %i matches 1 - C(n-c,k)/C(n,k) to 1e-13', (n, c, k) => {
    expectRelative(passAtK(n, c, k), exactPassAtK(n, c, k), 1e-13)
  })

  it('is exact to 1e-12 for random n <= 400 (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 400 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n }),
              fc.integer({ min: 1, max: n }),
            ),
          ),
        ([n, c, k]) => expectRelative(passAtK(n, c, k), exactPassAtK(n, c, k), 1e-12),
      ),
      { numRuns: 300 },
    )
  })
})

describe('passAtK: edge cases', () => {
  it('is 0 with no correct sample (c = 0), for every k', () => {
    for (const [n, k] of [
      [1, 1],
      [10, 1],
      [10, 10],
      [MAX_SAMPLES, MAX_SAMPLES],
    ] as const)
      expect(passAtK(n, 0, k)).toBe(0)
  })

  it('is 1 when every sample is correct (c = n)', () => {
    for (const n of [1, 2, 64, MAX_SAMPLES]) {
      expect(passAtK(n, n, 1)).toBe(1)
      expect(passAtK(n, n, n)).toBe(1)
    }
  })

  it('is 1 when k > n - c: any k samples must include a correct one', () => {
    expect(passAtK(10, 3, 8)).toBe(1)
    expect(passAtK(1024, 1000, 25)).toBe(1)
    // k = n - c is the last k below 1: C(c, ... ) leaves one all-wrong subset.
    expect(passAtK(10, 3, 7)).toBeLessThan(1)
    expectRelative(passAtK(10, 3, 7), 1 - 1 / 120, 1e-15)
  })

  it('is 1 at k = n as soon as one sample is correct', () => {
    for (const n of [1, 5, 1024, MAX_SAMPLES]) expect(passAtK(n, 1, n)).toBe(1)
  })

  it('reduces to c / n at k = 1', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: MAX_SAMPLES })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, c]) => expectRelative(passAtK(n, c, 1), c / n, 4e-16),
      ),
    )
  })

  it('keeps full precision when pass@k is tiny (no cancellation in 1 - product)', () => {
    // The naive 1 - prod(1 - k/i) loses about 5 digits here.
    expectRelative(passAtK(MAX_SAMPLES, 1, 1), 1e-5, 4e-16)
    expectRelative(passAtK(MAX_SAMPLES, 2, 1), 2e-5, 4e-16)
  })
})

describe('passAtK: properties', () => {
  const nck = fc
    .integer({ min: 2, max: 3000 })
    .chain((n) =>
      fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n - 1 })),
    )

  it('is non-decreasing in k', () => {
    fc.assert(fc.property(nck, ([n, c, k]) => passAtK(n, c, k) <= passAtK(n, c, k + 1)))
  })

  it('is non-decreasing in k along a whole curve, n = 1024', () => {
    for (const c of [1, 2, 10, 100, 1000]) {
      let previous = 0
      for (let k = 1; k <= 1024; k++) {
        const value = passAtK(1024, c, k)
        expect(value).toBeGreaterThanOrEqual(previous)
        previous = value
      }
    }
  })

  it('is non-decreasing in c and stays within [0, 1]', () => {
    fc.assert(
      fc.property(nck, ([n, c, k]) => {
        const value = passAtK(n, c, k)
        return value >= 0 && value <= 1 && (c === n || value <= passAtK(n, c + 1, k))
      }),
    )
  })

  it('is unbiased: its mean over c ~ Binomial(n, p) is 1 - (1 - p)^k', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n }),
              fc.double({ min: 0, max: 1, noNaN: true }),
            ),
          ),
        ([n, k, p]) => {
          let mean = 0
          for (let c = 0; c <= n; c++)
            mean += Number(binom(n, c)) * p ** c * (1 - p) ** (n - c) * passAtK(n, c, k)
          expect(mean).toBeCloseTo(1 - (1 - p) ** k, 12)
        },
      ),
    )
  })
})

describe('passAtK: input validation', () => {
  it.each([
    [0, 0, 1, 'passAtK: n must be an integer from 1 to 100000, got 0'],
    [100_001, 1, 1, 'passAtK: n must be an integer from 1 to 100000, got 100001'],
    [10.5, 1, 1, 'passAtK: n must be an integer from 1 to 100000, got 10.5'],
    [Number.NaN, 1, 1, 'passAtK: n must be an integer from 1 to 100000, got NaN'],
    [10, -1, 1, 'passAtK: c must be an integer from 0 to 10, got -1'],
    [10, 11, 1, 'passAtK: c must be an integer from 0 to 10, got 11'],
    [10, 2.5, 1, 'passAtK: c must be an integer from 0 to 10, got 2.5'],
    [10, 1, 0, 'passAtK: k must be an integer from 1 to 10, got 0'],
    [10, 1, 11, 'passAtK: k must be an integer from 1 to 10, got 11'],
    [10, 1, Infinity, 'passAtK: k must be an integer from 1 to 10, got Infinity'],
  ])('passAtK(%s, %s, %s) throws RangeError "%s"', (n, c, k, message) => {
    expect(() => passAtK(n, c, k)).toThrow(new RangeError(message))
    expect(() => passAtK(n, c, k)).toThrow(RangeError)
  })
})

describe('datasetPassAtK', () => {
  it('is the mean of the per-problem estimates', () => {
    const problems = [
      { n: 10, c: 0 },
      { n: 10, c: 1 },
      { n: 10, c: 10 },
      { n: 20, c: 5 },
    ]
    const expected = (0 + exactPassAtK(10, 1, 4) + 1 + exactPassAtK(20, 5, 4)) / 4
    expectRelative(datasetPassAtK(problems, 4), expected, 1e-15)
    expect(datasetPassAtK(problems, 1)).toBeCloseTo((0 + 0.1 + 1 + 0.25) / 4, 15)
  })

  it('rejects an empty set and a k larger than a problem’s n', () => {
    expect(() => datasetPassAtK([], 1)).toThrow(
      new RangeError('datasetPassAtK: the problem set is empty'),
    )
    expect(() => datasetPassAtK([{ n: 4, c: 1 }], 5)).toThrow(
      new RangeError('passAtK: k must be an integer from 1 to 4, got 5'),
    )
  })
})

describe('expectedPassAtK', () => {
  it('is 1 - (1 - p)^k for one problem, and the mean over problems', () => {
    expect(expectedPassAtK([0.5], 1)).toBe(0.5)
    expect(expectedPassAtK([0.5], 3)).toBe(0.875)
    expect(expectedPassAtK([0, 1], 7)).toBe(0.5)
    expect(expectedPassAtK([0.1, 0.2, 0.3], 1)).toBeCloseTo(0.2, 15)
    expect(expectedPassAtK([0.25, 0.75], 2)).toBe((0.4375 + 0.9375) / 2)
  })

  it('keeps precision for tiny p and large k', () => {
    // 1 - (1 - 1e-12)^1000 = 1e-9 - 4.995e-19 + ...
    expectRelative(expectedPassAtK([1e-12], 1000), 1e-9 - 4.995e-19, 1e-15)
  })

  it('equals pass@1 = mean(p) at k = 1, rises with k, and tends to the reachable share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 10_000 }),
        (p, k) => {
          const mean = p.reduce((a, b) => a + b, 0) / p.length
          expect(expectedPassAtK(p, 1)).toBeCloseTo(mean, 14)
          expect(expectedPassAtK(p, k + 1)).toBeGreaterThanOrEqual(expectedPassAtK(p, k))
          expect(expectedPassAtK(p, k)).toBeLessThanOrEqual(reachableShare(p) + 1e-15)
        },
      ),
    )
    expect(expectedPassAtK([0.5, 0, 0.01], 100_000)).toBeCloseTo(2 / 3, 15)
  })

  it('validates its input', () => {
    expect(() => expectedPassAtK([], 1)).toThrow(
      new RangeError('expectedPassAtK: the list of success probabilities is empty'),
    )
    expect(() => expectedPassAtK([0.5, 1.5], 1)).toThrow(
      new RangeError(
        'expectedPassAtK: success probability 1 must be a number from 0 to 1, got 1.5',
      ),
    )
    expect(() => expectedPassAtK([Number.NaN], 1)).toThrow(RangeError)
    expect(() => expectedPassAtK([0.5], 0)).toThrow(
      new RangeError('expectedPassAtK: k must be an integer from 1 to 9007199254740991, got 0'),
    )
    expect(() => expectedPassAtK([0.5], 1.5)).toThrow(RangeError)
  })
})

describe('coverage and solved sets', () => {
  it('is the share of problems with at least one correct sample', () => {
    expect(coverage([0, 1, 5, 0])).toBe(0.5)
    expect(coverage([0])).toBe(0)
    expect(coverage([3, 3])).toBe(1)
  })

  it('equals dataset pass@n when every problem has n samples', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 200 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.integer({ min: 0, max: n }), { minLength: 1, maxLength: 30 }),
            ),
          ),
        ([n, counts]) => {
          const problems = counts.map((c) => ({ n, c }))
          expect(datasetPassAtK(problems, n)).toBeCloseTo(coverage(counts), 15)
        },
      ),
    )
  })

  it('validates counts', () => {
    expect(() => coverage([])).toThrow(new RangeError('coverage: the problem set is empty'))
    expect(() => coverage([1, -2])).toThrow(
      new RangeError(
        'coverage: correct count 1 must be an integer from 0 to 9007199254740991, got -2',
      ),
    )
  })

  it('splits two solved sets into both / only one / neither', () => {
    // AIME24 in Yue et al. v2 Table 4: 23 solved by base, 19 by RL, all 19 also by base.
    const base = Array.from({ length: 30 }, (_, i) => i < 23)
    const rl = Array.from({ length: 30 }, (_, i) => i < 19)
    expect(solvedOverlap(base, rl)).toEqual({ total: 30, both: 19, onlyA: 4, onlyB: 0, neither: 7 })
    expect(() => solvedOverlap([true], [])).toThrow(RangeError)
  })
})

describe('findCrossover', () => {
  it('finds the first whole k where the other curve gets ahead', () => {
    const rl = (k: number): number => Math.min(1, 0.3 + 0.001 * k)
    const base = (k: number): number => 0.1 + 0.01 * k
    // base > rl once 0.009 k > 0.2, i.e. k >= 23 (k = 22.2 exactly).
    expect(findCrossover(base, rl, 1024)).toEqual({ k: 23, ahead: 'a' })
    expect(findCrossover(rl, base, 1024)).toEqual({ k: 23, ahead: 'b' })
    expect(findCrossover(base, rl, 22)).toBeUndefined()
    expect(findCrossover(base, rl, 23)).toEqual({ k: 23, ahead: 'a' })
  })

  it('matches a brute-force scan for two modelled pass@k curves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (pa, pb) => {
          const a = (k: number): number => expectedPassAtK(pa, k)
          const b = (k: number): number => expectedPassAtK(pb, k)
          const found = findCrossover(a, b, 256)
          // Brute force: the first k whose order differs from the first non-tied order.
          const signs = Array.from({ length: 256 }, (_, i) => Math.sign(a(i + 1) - b(i + 1)))
          const first = signs.find((s) => s !== 0) ?? 0
          const at = signs.findIndex((s) => s === -first)
          // The log grid may step over a crossing and re-crossing; then nothing is reported.
          if (found) expect(signs[found.k - 1]).toBe(-first)
          if (found && at >= 0) expect(found.k).toBeGreaterThanOrEqual(at + 1)
          if (!found && first !== 0) expect(signs.at(-1)).not.toBe(-first)
        },
      ),
    )
  })

  it('reports nothing for identical curves or when the order never changes', () => {
    const f = (k: number): number => 1 - 0.5 ** k
    expect(findCrossover(f, f, 1024)).toBeUndefined()
    expect(findCrossover(f, (k) => f(k) / 2, 1024)).toBeUndefined()
    expect(() => findCrossover(f, f, 0)).toThrow(RangeError)
  })
})
