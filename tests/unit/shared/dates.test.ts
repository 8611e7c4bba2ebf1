// The one date format: every page prints the front matter's date through formatSessionDate.
import { describe, expect, it } from 'vitest'
import { formatSessionDate } from '../../../src/shared/dates.ts'
import { shortDate } from '../../../src/shared/frame.ts'

describe('formatSessionDate', () => {
  it('writes the front matter date as month, day and year, in UTC', () => {
    expect(formatSessionDate('2025-07-16')).toBe('July 16, 2025')
    expect(formatSessionDate('2025-01-01')).toBe('January 1, 2025')
    expect(formatSessionDate('2024-12-31')).toBe('December 31, 2024')
  })
  it('follows the deck language, and falls back to English for an unknown tag', () => {
    expect(formatSessionDate('2025-07-16', 'fr')).toBe('16 juillet 2025')
    expect(formatSessionDate('2025-07-16', 'x-not-a-tag-!')).toBe('July 16, 2025')
  })
  it('prints no date as nothing and a value that is no date as written', () => {
    expect(formatSessionDate(undefined)).toBe('')
    expect(formatSessionDate('soon')).toBe('soon')
  })
  it("is the deck footer's format", () => {
    expect(shortDate('2025-07-16')).toBe(formatSessionDate('2025-07-16'))
  })
})
