// The speaker view's stopwatch starts with the talk, not with the window (src/runtime/speaker/stopwatch.ts).
import { describe, expect, it } from 'vitest'
import { Stopwatch } from '../../../../src/runtime/speaker/stopwatch.ts'

describe('Stopwatch', () => {
  it('shows no time until it starts, then runs, pauses, resumes and resets to not started', () => {
    let now = 1_000
    const watch = new Stopwatch('test', () => now)
    now += 60_000
    expect([watch.started, watch.elapsed(), watch.action]).toEqual([false, 0, 'Start'])
    expect(watch.begin()).toBe(true)
    expect(watch.begin()).toBe(false)
    now += 5_000
    expect([watch.elapsed(), watch.action]).toEqual([5_000, 'Pause'])
    watch.toggle()
    now += 10_000
    expect([watch.elapsed(), watch.action]).toEqual([5_000, 'Resume'])
    watch.toggle()
    now += 1_000
    expect(watch.elapsed()).toBe(6_000)
    watch.reset()
    now += 1_000
    expect([watch.started, watch.elapsed(), watch.action]).toEqual([false, 0, 'Start'])
    watch.toggle()
    expect(watch.action).toBe('Pause')
  })
})
