// The site's sessions: one folder per session under slides/, found by src/compiler/sessions.ts.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listDecks } from '../../../src/compiler/sessions.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const MULTI = resolve(ROOT, 'tests/fixtures/sites/multi/slides')

describe('sessions', () => {
  it('lists session folders newest first and skips _shared', () => {
    expect(listDecks(MULTI).map((d) => d.slug)).toEqual([
      '2025-03-06-broken',
      '2025-02-13-scaling-laws',
      '2025-01-09-attention',
    ])
  })
})
