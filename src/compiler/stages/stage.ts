// What a stage of the compiler is (a name, a typed input, a typed output), how one runs and is
// timed, and the runner that drives the pipeline: synchronously while every stage answers at
// once, asynchronously from the first stage that answers with a promise (drawing diagrams).
import type { Diagnostic } from '../diagnostics.ts'

export type MaybePromise<T> = T | Promise<T>

/**
 * One stage: `run` turns its input into its output, reporting problems into `diagnostics`. An
 * asynchronous stage's output type is a promise (or `MaybePromise`) of what it gives.
 */
export interface Stage<I, O> {
  readonly name: string
  run(input: I, diagnostics: Diagnostic[]): O
}

/** The time a stage took, in milliseconds (a stage run once per file adds its runs up). */
export interface StageTiming {
  name: string
  ms: number
}

/** Adds `ms` to the stage's timing, in the order the stages first ran. */
export function addTiming(timings: StageTiming[], name: string, ms: number): void {
  const timing = timings.find((t) => t.name === name)
  if (timing) timing.ms += ms
  else timings.push({ name, ms })
}

/** Runs one stage and times it. */
export function runStage<I, O>(
  stage: Stage<I, O>,
  input: I,
  diagnostics: Diagnostic[],
  timings: StageTiming[],
): O {
  const started = performance.now()
  const done = (): void => addTiming(timings, stage.name, performance.now() - started)
  const out = stage.run(input, diagnostics)
  if (out instanceof Promise) return out.finally(done) as O
  done()
  return out
}

/** A run of stages, written as a generator: each `yield*` of `step` is one stage. */
export type Steps<T> = Generator<MaybePromise<unknown>, T, unknown>

/** One stage inside `Steps`: its output, once it has one. */
export function* step<I, O>(
  stage: Stage<I, O>,
  input: I,
  diagnostics: Diagnostic[],
  timings: StageTiming[],
): Generator<MaybePromise<unknown>, Awaited<O>, unknown> {
  return (yield runStage(stage, input, diagnostics, timings)) as Awaited<O>
}

/** Drives `steps` to the end: at once while no stage returns a promise, then asynchronously. */
export function drive<T>(steps: Steps<T>, sent?: unknown): MaybePromise<T> {
  for (let next = steps.next(sent); ; next = steps.next(sent)) {
    if (next.done) return next.value
    if (next.value instanceof Promise) return next.value.then((value) => drive(steps, value))
    sent = next.value
  }
}
