// `check`'s spelling pass (src/cli/spelling.ts).
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { checkSpelling, spellingNeedsCspell } from '../../../src/cli/spelling.ts'

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

describe('the spelling cache', () => {
  const cacheDir = resolve(TMP, 'cache')
  const file = (text: string) => [{ absPath: resolve(TMP, 'c.md'), path: 'c.md', text }]
  const slide = '## Slide\n\nThe modle works.\n\n```mermaid\nflowchart LR\n  A --> B\n```\n'

  it('keeps a file’s result by its prose: an edit of code, math or a diagram needs no cspell', async () => {
    const first = await checkSpelling(file(slide), ROOT, { cacheDir })
    expect(first.map(formatDiagnostic)).toEqual([
      'c.md:3:5: warning: unknown word `modle`; did you mean `model`? [spelling]',
    ])
    expect(spellingNeedsCspell(file(slide), ROOT, { cacheDir })).toBe(false)
    const diagram = slide.replace('A --> B', 'A --> Bxyzzy')
    expect(spellingNeedsCspell(file(diagram), ROOT, { cacheDir })).toBe(false)
    expect(spellingNeedsCspell(file(`${slide}\n$\\mathrm{qwzx}$\n`), ROOT, { cacheDir })).toBe(
      false,
    )
    expect(spellingNeedsCspell(file(slide.replace('works', 'wroks')), ROOT, { cacheDir })).toBe(
      true,
    )
    expect(spellingNeedsCspell(file(slide), ROOT)).toBe(true)
    // What is cached is what a later check reports, placed in the file as it is now (offsets
    // into the prose: `works` is its 20th character).
    const [name] = readdirSync(cacheDir)
    writeFileSync(join(cacheDir, name!), JSON.stringify([{ offset: 19, text: 'works' }]))
    const moved = diagram.replace('## Slide\n\n', '## Slide\n\n\n')
    expect((await checkSpelling(file(moved), ROOT, { cacheDir })).map(formatDiagnostic)).toEqual([
      'c.md:4:11: warning: unknown word `works` [spelling]',
    ])
  }, 60_000)

  it('is keyed by cspell.json and the project dictionary too', async () => {
    const root = resolve(TMP, 'root')
    mkdirSync(resolve(root, 'slides/_shared'), { recursive: true })
    cpSync(resolve(ROOT, 'cspell.json'), resolve(root, 'cspell.json'))
    writeFileSync(resolve(root, 'slides/_shared/dictionary.txt'), 'pass@k\n')
    const files = [{ absPath: resolve(root, 'c.md'), path: 'c.md', text: slide }]
    const dir = resolve(root, 'cache')
    await checkSpelling(files, root, { cacheDir: dir })
    expect(spellingNeedsCspell(files, root, { cacheDir: dir })).toBe(false)
    writeFileSync(resolve(root, 'slides/_shared/dictionary.txt'), 'pass@k\nmodle\n')
    expect(spellingNeedsCspell(files, root, { cacheDir: dir })).toBe(true)
  }, 60_000)
})
