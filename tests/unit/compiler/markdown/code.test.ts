// Code blocks' highlighting and its disk cache: the colours do not depend on how busy the machine
// is, and a cached block is only served for the same Shiki version, options and input.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compileFiles } from '../../../../src/compiler/index.ts'
import {
  HIGHLIGHT_OPTIONS,
  highlightCacheDir,
  highlightKey,
} from '../../../../src/compiler/markdown/code.ts'

const roots: string[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A project folder of its own, so that nothing is served from another test's cache. */
function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'deck-code-'))
  roots.push(root)
  return root
}

/** The HTML of one slide holding `fence`, compiled with `root` as the project (and cache) root. */
function render(root: string, fence: string): string {
  const dir = resolve(root, 'slides/deck')
  const result = compileFiles(
    [{ absPath: resolve(dir, '01.md'), path: 'deck/01.md', text: `---\ntitle: T\n---\n${fence}` }],
    { dir, root },
  )
  expect(result.diagnostics).toEqual([])
  return result.deck.slides.map((s) => s.html).join('\n')
}

const PYTHON = '```python\ndef f(x):\n    return x + 1  # one more\nclass A: pass\n```\n'

describe('code highlighting under load', () => {
  it('gives every line its colours however slow the tokenizer runs', () => {
    const expected = render(freshRoot(), PYTHON)
    expect(expected).toContain('--shiki-light:#A0111F')
    // Each clock reading is one second later: with a per-line time limit every line would stop
    // tokenizing at once, and come out in one colour.
    let now = Date.now()
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000))
    const root = freshRoot()
    expect(render(root, PYTHON)).toBe(expected)
    vi.restoreAllMocks()
    // What the slow run cached is what a later run serves.
    expect(readdirSync(highlightCacheDir(root))).toHaveLength(1)
    expect(render(root, PYTHON)).toBe(expected)
  })
})

describe('the code cache', () => {
  it('serves a block from the file its key names', () => {
    const root = freshRoot()
    const first = render(root, PYTHON)
    const [file] = readdirSync(highlightCacheDir(root))
    expect(file).toMatch(/^[0-9a-f]{32}\.html$/)
    writeFileSync(join(highlightCacheDir(root), file!), '<pre class="planted"></pre>')
    expect(render(root, PYTHON)).toContain('planted')
    expect(first).not.toContain('planted')
  })

  it("keys each block by Shiki's version, every highlighter option and the input", () => {
    const input = ['python', 'x = 1', []]
    const key = highlightKey(input)
    expect(highlightKey(input)).toBe(key)
    expect(highlightKey(input, HIGHLIGHT_OPTIONS, '0.0.0')).not.toBe(key)
    expect(highlightKey(['python', 'x = 2', []])).not.toBe(key)
    for (const [name, value] of Object.entries(HIGHLIGHT_OPTIONS)) {
      const changed = { ...HIGHLIGHT_OPTIONS, [name]: typeof value === 'number' ? value + 1 : 'x' }
      expect(highlightKey(input, changed), name).not.toBe(key)
    }
    expect(HIGHLIGHT_OPTIONS.tokenizeTimeLimit).toBe(0)
  })

  it('still highlights when the cache folder cannot be written', () => {
    const root = freshRoot()
    mkdirSync(resolve(root, 'node_modules/.cache'), { recursive: true })
    writeFileSync(highlightCacheDir(root), 'a file where the folder would be')
    expect(render(root, PYTHON)).toContain('--shiki-light:#A0111F')
  })
})
