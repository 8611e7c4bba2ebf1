// Pacing: where the talk should be, with slides of equal time or with minutes a file plans.
import { describe, expect, it } from 'vitest'
import { clock, pacing, slideMinutes } from '../../../../src/runtime/speaker/pacing.ts'

const MIN = 60_000

describe('slideMinutes', () => {
  it('shares the session equally when no slide plans its time', () => {
    expect(slideMinutes(60, 4)).toEqual([15, 15, 15, 15])
  })

  it('gives planned slides their minutes and the others an equal share of the rest', () => {
    expect(slideMinutes(60, 4, [undefined, 30, undefined, undefined])).toEqual([10, 30, 10, 10])
  })

  it('gives the others nothing when the planned minutes use the session up', () => {
    expect(slideMinutes(20, 3, [undefined, 25])).toEqual([0, 25, 0])
  })

  it('ignores a negative or non-finite plan', () => {
    expect(slideMinutes(30, 3, [-5, Number.NaN])).toEqual([10, 10, 10])
  })
})

describe('pacing', () => {
  it('with equal slides: on slide 6 of 11 at half time is on pace', () => {
    const p = pacing(30 * MIN, 60, 5, 11)
    expect(p.status).toBe('on-pace')
    expect(p.slidesDone).toBeCloseTo(0.5)
    expect(p.plannedIndex).toBe(5)
  })

  it('with equal slides: on slide 2 of 11 at half time is behind', () => {
    const p = pacing(30 * MIN, 60, 1, 11)
    expect(p.status).toBe('behind')
    expect(p.minutesBehind).toBeCloseTo(24)
    expect(p.text).toBe('24 min behind: planned slide 6')
  })

  it('does not call a long planned discussion slide behind while within its minutes', () => {
    // Six slides in 60 min: slide 2 is a 30 min discussion, slide 1 takes 2 min, the rest share.
    const planned = [2, 30]
    // 25 minutes in, still on the discussion slide: equal slides would call that behind …
    expect(pacing(25 * MIN, 60, 1, 6).status).toBe('behind')
    // … the plan says it is where the talk should be.
    const weighted = pacing(25 * MIN, 60, 1, 6, planned)
    expect(weighted.status).toBe('on-pace')
    expect(weighted.plannedIndex).toBe(1)
    // Past its minutes it is behind again.
    expect(pacing(40 * MIN, 60, 1, 6, planned).status).toBe('behind')
  })

  it('says so when the deck has no duration, and when the session is over', () => {
    expect(pacing(5 * MIN, undefined, 2, 10).status).toBe('none')
    expect(pacing(70 * MIN, 60, 9, 10).text).toBe('10 min over the 60 min session')
  })
})

describe('clock', () => {
  it('writes m:ss and h:mm:ss', () => {
    expect(clock(65_000)).toBe('1:05')
    expect(clock(3_725_000)).toBe('1:02:05')
  })
})
