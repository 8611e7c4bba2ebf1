// `graphic-text-size`: a chart whose smallest text renders under 20 px on the slide is a warning at its line.
import { describe, expect, it } from 'vitest'
import {
  COLUMN_WIDTH,
  SLIDE_CONTENT_WIDTH,
} from '../../../../src/compiler/markdown/graphic-size.ts'
import { compileText, formatAll } from '../../../helpers/deck.ts'

const deck = (body: string): string =>
  formatAll(compileText({ '01.md': `---\ntitle: T\n---\n## S\n\n${body}` }))

describe('graphic-text-size for charts', () => {
  // The explorer's chart is drawn for its 700 px grid column. Vega-Lite charts, drawn in a worker,
  // are checked in and out of columns in tests/integration/charts/vega-lite/fence.test.ts.
  it('is quiet for a chart on the full slide (drawn 1:1, text 20 px or more)', () => {
    expect(deck('```passk-explorer\n```\n')).toBe('')
  })

  it('knows the widths of the theme: 1280 less 2 × 40 px padding, columns with a 40 px gap', () => {
    expect(SLIDE_CONTENT_WIDTH).toBe(1200)
    expect(COLUMN_WIDTH).toBe(580)
  })
})
