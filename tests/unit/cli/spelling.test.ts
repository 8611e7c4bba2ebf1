// `check`'s spelling pass (src/cli/spelling.ts).
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { checkSpelling } from '../../../src/cli/spelling.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const TMP = resolve(ROOT, `.tmp/site-test-${process.pid}`)
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('spelling', () => {
  it('checks prose in front matter values, not keys or dates', async () => {
    const text = '---\ntitle: The modle\npresentr: Ada\ndate: 2025-01-02\n---\n# T\n'
    const found = await checkSpelling(
      [{ absPath: resolve(TMP, 'fm.md'), path: 'fm.md', text }],
      ROOT,
    )
    expect(found.map(formatDiagnostic)).toEqual([
      'fm.md:2:12: warning: unknown word `modle`; did you mean `model`? [spelling]',
    ])
  }, 60_000)

  it('warns about an unknown word at its position, ignoring math, code and links', async () => {
    const text =
      '## Slide\n\nThe modle $\\mathrm{softmx}$ `cde` [link](https://exampel.org) works.\n'
    const found = await checkSpelling([{ absPath: resolve(TMP, 'x.md'), path: 'x.md', text }], ROOT)
    expect(found.map(formatDiagnostic)).toEqual([
      'x.md:3:5: warning: unknown word `modle`; did you mean `model`? [spelling]',
    ])
  }, 60_000)
})
