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
  it('is quiet for a chart on the full slide (drawn 1:1, text 20 px or more)', () => {
    expect(deck('```chart\ngrpo-steps\n```\n')).toBe('')
    expect(deck('```chart\nrl-algorithms\ndataset: all\n```\n')).toBe('')
  })

  it('warns at the chart name when a column shrinks the chart below the floor', () => {
    const out = deck(
      ':::: columns\n::: column\n```chart\ngrpo-steps\n```\n:::\n::: column\nText\n:::\n::::\n',
    )
    // Line 9 is the chart name; the 1180 px chart is shown 580 px wide, so 22 px text is 10.8 px.
    expect(out).toMatch(
      /^deck\/01\.md:9:1: warning: chart `grpo-steps`: text “.+” renders at 10\.8 px on the 1280×720 slide \(shown 580 px wide\), below the 20 px floor \[graphic-text-size\]/,
    )
    expect(out).not.toMatch(/error/)
  })

  it('is not fooled by a column that has closed before the chart', () => {
    expect(
      deck(
        ':::: columns\n::: column\nA\n:::\n::: column\nB\n:::\n::::\n\n```chart\ngrpo-steps\n```\n',
      ),
    ).toBe('')
  })

  it('knows the widths of the theme: 1280 less 2 × 40 px padding, columns with a 40 px gap', () => {
    expect(SLIDE_CONTENT_WIDTH).toBe(1200)
    expect(COLUMN_WIDTH).toBe(580)
  })
})
