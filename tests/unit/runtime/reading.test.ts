// The reading view's graphics width: the smallest label stays readable (src/runtime/reading.ts).
import { describe, expect, it } from 'vitest'
import { MIN_LABEL_PX, readableWidth } from '../../../src/runtime/reading.ts'

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
