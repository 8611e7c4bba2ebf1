// A chart's narrow layout for a phone's reading column (src/charts/vega-lite/narrow.ts): views
// stacked, widths the column's, text at the narrow size, titles wrapped; data and encodings kept.
import { describe, expect, it } from 'vitest'
import {
  labelsTooWide,
  NARROW_FONT_PX,
  NARROW_WIDTH,
  narrowConfig,
  narrowFont,
  narrowPlotWidth,
  narrowSpec,
  wrapText,
} from '../../../../src/charts/vega-lite/narrow.ts'
import { CHART_CONFIG, CHART_FONT_PX } from '../../../../src/charts/vega-lite/theme.ts'
import type { SpecValue } from '../../../../src/charts/vega-lite/spec-text.ts'

type Obj = { [key: string]: SpecValue }
const data = { values: [{ a: 1, b: 'x' }] }

describe('narrowSpec', () => {
  it('stacks side-by-side views and gives each the plot width', () => {
    const spec: Obj = {
      data,
      hconcat: [
        { width: 470, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } },
        { width: 470, layer: [{ mark: 'line' }] },
      ],
    }
    const out = narrowSpec(spec, 200) as Obj
    expect(out.hconcat).toBeUndefined()
    const views = out.vconcat as Obj[]
    expect(views.map((v) => v.width)).toEqual([200, 200])
    expect(out.data).toEqual(data)
    expect(views[0]!.encoding).toEqual(((spec.hconcat as Obj[])[0] as Obj).encoding)
  })

  it('wraps a column facet into one column, its header above each view', () => {
    const facet = { field: 'b', type: 'nominal', header: { labelFontWeight: 600 } }
    const out = narrowSpec(
      { data, facet: { column: facet }, spec: { width: 250, mark: 'bar' } },
      180,
    ) as Obj
    expect(out.facet).toEqual(facet)
    expect(out.columns).toBe(1)
    expect((out.spec as Obj).width).toBe(180)
  })

  it('sets the spec’s own text sizes to the narrow size, never under it, and shrinks area marks', () => {
    const out = narrowSpec(
      {
        data,
        width: 700,
        title: { text: 't', fontSize: 30 },
        layer: [
          { mark: { type: 'square', size: 400 } },
          { mark: { type: 'text', size: 12, fontSize: 26 } },
        ],
      },
      350,
    ) as Obj
    const layer = out.layer as Obj[]
    expect((out.title as Obj).fontSize).toBe(narrowFont(30))
    expect(narrowFont(CHART_FONT_PX)).toBe(NARROW_FONT_PX)
    expect((layer[0]!.mark as Obj).size).toBe(100)
    expect((layer[1]!.mark as Obj).size).toBe(NARROW_FONT_PX)
    expect((layer[1]!.mark as Obj).fontSize).toBe(NARROW_FONT_PX)
  })

  it('wraps long titles into lines that fit the column', () => {
    const long = 'open dot: pass@1 · filled dot: pass@256 · dashed line: the base model’s pass@256'
    const out = narrowSpec({ data, width: 900, mark: 'point', title: long }, 200) as Obj
    const lines = out.title as string[]
    expect(Array.isArray(lines)).toBe(true)
    expect(lines.join(' ')).toBe(long)
    for (const line of lines) expect(line.length * 0.56 * 18).toBeLessThanOrEqual(NARROW_WIDTH + 40)
  })

  it('puts band labels above their bands when asked, and leaves other axes alone', () => {
    const spec = {
      data,
      width: 700,
      mark: 'square',
      encoding: {
        x: { field: 'a', type: 'quantitative' },
        y: { field: 'b', type: 'nominal', axis: { labelLimit: 700 } },
      },
    }
    const enc = (narrowSpec(spec, 250, true) as Obj).encoding as Obj
    expect((enc.y as Obj).axis).toMatchObject({ labelAlign: 'left', labelLimit: 700, ticks: false })
    expect(enc.x).toEqual(spec.encoding.x)
    expect(((narrowSpec(spec, 250) as Obj).encoding as Obj).y).toEqual(spec.encoding.y)
  })
})

describe('the narrow plot width', () => {
  it('makes the drawing the column’s width from a first drawing', () => {
    // Drawn 300 px wide at a 220 px plot: 80 px of labels, so 260 px of plot.
    expect(narrowPlotWidth(220, 300)).toBe(NARROW_WIDTH - 80)
    expect(labelsTooWide(220, 300)).toBe(false)
    expect(labelsTooWide(220, 520)).toBe(true)
  })
})

describe('wrapText', () => {
  it('breaks at spaces only, a long word on a line of its own', () => {
    expect(wrapText('a b c', 1000, 16)).toEqual(['a b c'])
    expect(wrapText('Reinforce++ GRPO', 60, 16)).toEqual(['Reinforce++', 'GRPO'])
  })
})

describe('narrowConfig', () => {
  it('sets every text of the config at the narrow size and the legend below', () => {
    const c = narrowConfig(CHART_CONFIG)
    expect((c.axis as Obj).labelFontSize).toBe(NARROW_FONT_PX)
    expect((c.text as Obj).fontSize).toBe(NARROW_FONT_PX)
    expect((c.legend as Obj).orient).toBe('bottom')
  })
})
