// The reading view's graphics width: the smallest label stays readable (src/runtime/reading.ts).
import { describe, expect, it } from 'vitest'
import {
  BODY_SHARE,
  bleedWidth,
  MIN_LABEL_PX,
  readableWidth,
} from '../../../src/runtime/reading.ts'

describe('readableWidth', () => {
  it('is the width at which the smallest label renders at the floor', () => {
    // A 1180-unit chart with 22-unit labels: 22 * w / 1180 = 11.5 at w = 617.
    expect(readableWidth(1180, 22)).toBe(617)
    expect((22 * readableWidth(1180, 22)) / 1180).toBeGreaterThanOrEqual(MIN_LABEL_PX)
    expect(readableWidth(700, 22, 11)).toBe(350)
  })

  it('is 0 for a graphic without text or without a width', () => {
    expect(readableWidth(1180, Infinity)).toBe(0)
    expect(readableWidth(0, 22)).toBe(0)
    expect(readableWidth(Number.NaN, 22)).toBe(0)
  })
})

describe('bleedWidth', () => {
  it('spreads a graphic beyond its column until its smallest text is 80% of the body', () => {
    // 1161 units, 26-unit labels, 21 px body: 0.8 * 21 = 16.8 px at 751 px (rounded up).
    const w = bleedWidth(1161, 26, 21, 696, 1280)
    expect(w).toBe(751)
    expect((26 * w) / 1161).toBeGreaterThanOrEqual(BODY_SHARE * 21)
  })

  it('is capped by the window less its margins, and 0 where the column is wide enough', () => {
    expect(bleedWidth(2400, 22, 21, 696, 1280)).toBe(1280 - 64)
    expect(bleedWidth(560, 22, 21, 696, 1280)).toBe(0)
    // A phone: no room beyond the column.
    expect(bleedWidth(1161, 26, 18, 350, 390)).toBe(0)
  })
})
