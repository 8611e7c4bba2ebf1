// Chart and option names are looked up as own keys: `constructor` is a positioned error, not a crash.
import { describe, expect, it } from 'vitest'
import { getChart } from '../../../src/charts/index.ts'
import { compileText, formatAll } from '../../helpers/deck.ts'

const deck = (body: string): string =>
  formatAll(compileText({ '01.md': `---\ntitle: T\n---\n## S\n\n${body}` }))

describe('names from the prototype chain', () => {
  it('getChart knows own names only', () => {
    expect(getChart('figure-card')).toBeDefined()
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(getChart(name)).toBeUndefined()
  })

  for (const name of ['constructor', 'toString', '__proto__', 'valueOf']) {
    it(`a chart named \`${name}\` is a chart-unknown error at its line`, () => {
      expect(deck(`\`\`\`chart\n${name}\n\`\`\`\n`)).toMatch(
        new RegExp(
          `^deck/01\\.md:7:1: error: unknown chart \`${name.replace(/_/g, '_')}\` \\[chart-unknown\\]`,
        ),
      )
    })
  }

  it('an option named `constructor` or `__proto__` is an unknown option, not a duplicate', () => {
    const out = deck('```chart\nfigure-card\nconstructor: 1\n__proto__: 2\n```\n')
    expect(out).toMatch(
      /deck\/01\.md:8:1: error: chart `figure-card`: unknown option `constructor` \[chart-option\]/,
    )
    expect(out).toMatch(
      /deck\/01\.md:9:1: error: chart `figure-card`: unknown option `__proto__` \[chart-option\]/,
    )
    expect(out).not.toMatch(/set twice/)
  })

  it('the explorer rejects `toString: 3` the same way', () => {
    expect(deck('```passk-explorer\ntoString: 3\n```\n')).toMatch(
      /deck\/01\.md:7:1: error: passk-explorer: unknown option `toString` \[chart-option\]/,
    )
  })
})
