// The session's deck as a whole, once its Vega-Lite charts are drawn (in a worker, so not in the
// unit project): far below every budget, and an incremental compile renders nothing twice.
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  compile,
  compileDeck,
  createIncrementalCompiler,
  type CompileResult,
} from '../../../src/compiler/index.ts'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { renderSlide } from '../../../src/compiler/render.ts'
import { DEFAULT_LIMITS } from '../../../src/charts/vega-lite/limits.ts'
import { BUDGETS, countElements, countRows } from '../../../src/untrusted/index.ts'
import { ROOT } from '../../helpers/deck.ts'
import { newestDeck } from '../../helpers/sessions.ts'

const SESSION = newestDeck()
let drawn: CompileResult
beforeAll(async () => {
  drawn = await compile(SESSION, { root: ROOT })
})

describe("the session's deck", () => {
  it('stays far below every budget, its chart data files included', () => {
    expect(drawn.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual(
      [],
    )
    const pageBytes = drawn.deck.slides.reduce(
      (sum, s) => sum + Buffer.byteLength(s.html + JSON.stringify(s.attrs)),
      0,
    )
    expect(pageBytes).toBeLessThan(BUDGETS.pageBytes / 10)
    // A chart is drawn twice (the slide's layout and a phone's), so its slide counts 1/5.
    expect(Math.max(...drawn.deck.slides.map((s) => countElements(s.html)))).toBeLessThan(
      BUDGETS.slideElements / 5,
    )
    const data = readdirSync(resolve(SESSION, 'data')).filter((f) => f.endsWith('.json'))
    expect(data.length).toBeGreaterThan(0)
    for (const file of data) {
      const json = JSON.parse(readFileSync(resolve(SESSION, 'data', file), 'utf8')) as {
        rows?: unknown[]
      }
      // A chart's rows against the Vega-Lite limit; the figure cards' file against the data budget.
      if (json.rows) expect(json.rows.length, file).toBeLessThan(DEFAULT_LIMITS.rows / 10)
      else expect(countRows(json), file).toBeLessThan(BUDGETS.dataRows / 10)
    }
  })

  it('equals compileDeck once drawn, and a second incremental compile renders nothing', () => {
    const renders = new Map<string, number>()
    const compiler = createIncrementalCompiler(SESSION, {
      root: ROOT,
      renderSlide: (source, ctx) => {
        renders.set(source.file.path, (renders.get(source.file.path) ?? 0) + 1)
        return renderSlide(source, ctx)
      },
    })
    expect(compiler.compile()).toEqual(compileDeck(SESSION, { root: ROOT }))
    expect(renders.size).toBeGreaterThan(0)
    renders.clear()
    expect(compiler.compile()).toEqual(compileDeck(SESSION, { root: ROOT }))
    expect([...renders.keys()]).toEqual([])
  })
})
