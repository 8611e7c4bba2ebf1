// CONTRIBUTING.md's examples compile as it says.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import { checkSpelling } from '../../../src/cli/spelling.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const TMP = resolve(ROOT, `.tmp/site-test-${process.pid}`)
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('CONTRIBUTING.md', () => {
  it('syntax reference compiles with no error or warning, spelling included', async () => {
    const text = readFileSync(resolve(ROOT, 'CONTRIBUTING.md'), 'utf8')
    const start = text.indexOf('````markdown\n') + '````markdown\n'.length
    const example = text.slice(start, text.indexOf('````', start))
    const { writeFileSync } = await import('node:fs')
    const dir = resolve(TMP, 'contrib/slides/2025-08-14-example')
    mkdirSync(resolve(TMP, 'contrib/slides/_shared'), { recursive: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      resolve(TMP, 'contrib/slides/_shared/ground-rules.md'),
      readFileSync(resolve(ROOT, 'slides/_shared/ground-rules.md')),
    )
    writeFileSync(resolve(dir, '01-example.md'), example)
    const result = compileDeck(dir, { root: ROOT })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(result.deck.slides.map((s) => s.id)).toContain('questions')
    const files = result.deck.files.map((absPath) => ({
      absPath,
      path: absPath,
      text: readFileSync(absPath, 'utf8'),
    }))
    expect(await checkSpelling(files, ROOT)).toEqual([])
  }, 60_000)
})
