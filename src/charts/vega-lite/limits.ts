// The bounds on one chart: what its spec and data may hold and what drawing it may cost. Each is
// far above what a slide's chart needs and far below what slows a build; going over is an error at
// the place in the spec that went over, naming the figure and the limit.
import { ChartProblem, figure } from './problem.ts'
import type { PathStep, SpecText, SpecValue } from './spec-text.ts'

export interface ChartLimits {
  /** Bytes of the spec's text. */
  specBytes: number
  /** Bytes of all the data files one chart reads. */
  dataBytes: number
  /** Rows of one data set (a file, inline values, a sequence). */
  rows: number
  /** Items of the drawn scene (marks, axis ticks and labels, legends). */
  items: number
  /** Views: unit specs (each `mark`) in layers, concatenations, repeats and facets. */
  views: number
  /** `maxbins` of one binned field. */
  bins: number
  /** Nesting of the spec and of a JSON data file. */
  depth: number
  /** Time to compile and draw, in ms. */
  ms: number
  /** Heap of the drawing's worker, in MB. */
  heapMb: number
}

export const DEFAULT_LIMITS: ChartLimits = {
  specBytes: 100_000,
  dataBytes: 1_000_000,
  rows: 5_000,
  items: 10_000,
  views: 24,
  bins: 200,
  depth: 32,
  ms: 10_000,
  heapMb: 256,
}

/** Ticks of one axis or legend. */
const MAX_TICKS = 100

const isObject = (v: SpecValue | undefined): v is { [key: string]: SpecValue } =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * The spec's shape against the limits: views, bins, and what a static chart cannot do (image
 * marks and link channels would load or link out).
 */
export function checkShape(spec: SpecText, limits: ChartLimits): void {
  let views = 0
  const walk = (v: SpecValue, path: PathStep[]): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i]))
    if (!isObject(v)) return
    if (Object.hasOwn(v, 'mark') && path.at(-1) !== 'config') {
      views++
      if (views > limits.views)
        throw new ChartProblem(
          spec.locateKey([...path, 'mark']),
          'limit-views',
          `the chart has more than ${figure(limits.views)} views (a \`mark\` each); a chart may have at most ${figure(limits.views)}`,
        )
      const mark = isObject(v.mark) ? v.mark.type : v.mark
      if (mark === 'image')
        throw new ChartProblem(
          spec.locate([...path, 'mark']),
          'spec-refused',
          'image marks load files by URL; put an image on the slide with Markdown instead',
        )
    }
    for (const [key, child] of Object.entries(v)) {
      const at = [...path, key]
      // Rows of data are data, whatever their keys.
      if (key === 'values' || key === 'datasets') continue
      if (key === 'href' || ((key === 'url' || key === 'href') && path.at(-1) === 'encoding'))
        throw new ChartProblem(
          spec.locateKey(at),
          'spec-refused',
          `\`${key}\` links or loads by URL; a chart drawn at build time has neither`,
        )
      if (key === 'tickCount' && typeof child === 'number' && child > MAX_TICKS)
        throw new ChartProblem(
          spec.locate(at),
          'limit-ticks',
          `\`tickCount\` is ${figure(child)}; an axis may have at most ${figure(MAX_TICKS)} ticks`,
        )
      if (key === 'bin' && isObject(child)) {
        for (const forbidden of ['step', 'steps', 'divide'])
          if (Object.hasOwn(child, forbidden))
            throw new ChartProblem(
              spec.locateKey([...at, forbidden]),
              'limit-bins',
              `\`bin.${forbidden}\` can make any number of bins; set \`maxbins\` (at most ${figure(limits.bins)})`,
            )
        if (typeof child.maxbins === 'number' && child.maxbins > limits.bins)
          throw new ChartProblem(
            spec.locate([...at, 'maxbins']),
            'limit-bins',
            `\`maxbins\` is ${figure(child.maxbins)}; a chart may have at most ${figure(limits.bins)} bins`,
          )
      }
      walk(child, at)
    }
  }
  walk(spec.value, [])
}
