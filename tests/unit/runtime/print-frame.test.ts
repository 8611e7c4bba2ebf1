// The PDF page footer's text (src/runtime/print-frame.ts).
import { describe, expect, it } from 'vitest'
import { pageFooter } from '../../../src/runtime/print-frame.ts'

describe('pageFooter', () => {
  it('names the presenter, the short title and n / N', () => {
    const meta = { title: 'A long title', shortTitle: 'Short', presenter: 'Chong Cher' }
    expect(pageFooter(meta, 16, 35)).toEqual({
      presenter: 'Chong Cher',
      title: 'Short',
      count: '17 / 35',
    })
  })

  it('falls back to the group and the full title', () => {
    expect(pageFooter({ title: 'T', group: 'Reading is fun' }, 0, 1)).toEqual({
      presenter: 'Reading is fun',
      title: 'T',
      count: '1 / 1',
    })
  })
})
