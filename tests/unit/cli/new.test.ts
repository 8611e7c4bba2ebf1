// `npm run new`: a session folder from the template (src/cli/new.ts).
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { spellingOf } from '../../helpers/deck.ts'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import { createSession, sessionSlug } from '../../../src/cli/new.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const TMP = resolve(ROOT, `.tmp/site-test-${process.pid}`)
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('npm run new', () => {
  it('makes a session folder from the template that checks clean but for its placeholders, spelling included', async () => {
    mkdirSync(resolve(TMP, 'slides/_shared'), { recursive: true })
    const shared = readFileSync(resolve(ROOT, 'slides/_shared/ground-rules.md'), 'utf8')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(resolve(TMP, 'slides/_shared/ground-rules.md'), shared)
    const dir = createSession(
      '2025-08-14',
      'Scaling Laws for Neural Language Models',
      resolve(TMP, 'slides'),
    )
    expect(dir).toBe(resolve(TMP, 'slides/2025-08-14-scaling-laws-for-neural-language-models'))
    const result = compileDeck(dir, { root: ROOT })
    // What the presenter must still write is a warning each (tests/unit/compiler/placeholders.test.ts).
    const problems = result.diagnostics.filter((d) => d.code !== 'template-placeholder')
    expect(problems.map(formatDiagnostic)).toEqual([])
    expect(result.diagnostics.length).toBeGreaterThan(0)
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true)
    expect(result.deck.meta).toMatchObject({
      title: 'Scaling Laws for Neural Language Models',
      date: '2025-08-14',
    })
    expect(result.deck.slides.some((s) => s.section === 'Ground rules')).toBe(true)
    expect(await spellingOf(result)).toEqual([])
  }, 60_000)

  it('refuses to overwrite an existing session, and rejects a bad date', () => {
    expect(() =>
      createSession(
        '2025-08-14',
        'Scaling Laws for Neural Language Models',
        resolve(TMP, 'slides'),
      ),
    ).toThrow(/already exists; nothing was changed/)
    expect(() => createSession('2025-02-30', 'X', resolve(TMP, 'slides'))).toThrow(/real date/)
    expect(sessionSlug('2025-01-02', 'Does RL *really* help?')).toBe(
      '2025-01-02-does-rl-really-help',
    )
  })
})
