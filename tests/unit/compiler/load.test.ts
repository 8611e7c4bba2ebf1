// Loading a deck folder: file order, UTF-8 checking, empty folders, CRLF line endings.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import { firstInvalidUtf8, loadDeckFiles } from '../../../src/compiler/load.ts'
import { ROOT } from '../../helpers/deck.ts'

const TMP = resolve(ROOT, `.tmp/load-test-${process.pid}`)
const REL = `.tmp/load-test-${process.pid}`
const TITLE = '---\ntitle: T\n---\n'

/** Writes a deck folder under .tmp/ and returns its path. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = resolve(TMP, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, content] of Object.entries(files)) writeFileSync(resolve(dir, file), content)
  return dir
}

const diagnostics = (dir: string): string[] =>
  compileDeck(dir, { root: ROOT }).diagnostics.map(formatDiagnostic)

beforeAll(() => mkdirSync(TMP, { recursive: true }))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('loadDeckFiles', () => {
  it('reads *.md files in numeric-aware name order, skipping others', () => {
    const dir = folder('order', {
      '10-b.md': '# B\n',
      '2-a.md': `${TITLE}# A\n`,
      '11-c.md': '# C\n',
      'notes.txt': 'not a slide',
      '.hidden.md': '# hidden\n',
    })
    mkdirSync(resolve(dir, '3-folder.md'), { recursive: true })
    const { files } = loadDeckFiles(dir)
    expect(files.map((f) => f.path)).toEqual([
      `${REL}/order/2-a.md`,
      `${REL}/order/10-b.md`,
      `${REL}/order/11-c.md`,
    ])
    expect(compileDeck(dir, { root: ROOT }).deck.slides.map((s) => s.id)).toEqual(['a', 'b', 'c'])
  })

  it('reports an empty folder as deck-empty, and a missing one as deck-missing', () => {
    expect(diagnostics(folder('empty', {}))).toEqual([
      `${REL}/empty:1:1: error: deck folder has no .md slide files [deck-empty]`,
    ])
    expect(diagnostics(resolve(TMP, 'nowhere'))).toEqual([
      `${REL}/nowhere:1:1: error: deck folder not found [deck-missing]`,
    ])
  })

  it('reports invalid UTF-8 at the line and column of the first bad byte', () => {
    const dir = folder('latin1', {
      '01-a.md': `${TITLE}# A\n`,
      '02-b.md': Buffer.concat([Buffer.from('# B\n\nCaf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    })
    expect(diagnostics(dir)).toEqual([
      `${REL}/latin1/02-b.md:3:4: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8 [not-utf8]`,
    ])
  })

  it('counts the column in UTF-16 units like every column, after CRLF lines and non-ASCII', () => {
    const bytes = Buffer.concat([
      Buffer.from('---\r\ntitle: Ünïcödé\r\n---\r\n# Ä\r\n\r\nŝtrange 𝑥 '),
      Buffer.from([0xc3, 0x28]),
    ])
    expect(diagnostics(folder('multibyte', { '01.md': bytes }))).toEqual([
      `${REL}/multibyte/01.md:6:12: error: file is not valid UTF-8 (byte 0xc3); save it as UTF-8 [not-utf8]`,
    ])
  })

  it('keeps a file with bad bytes, so the first file is still the one with the front matter', () => {
    const dir = folder('first-bad', {
      '01-a.md': Buffer.concat([Buffer.from(`${TITLE}# A\n\nx `), Buffer.from([0xff])]),
      '02-b.md': '# B\n',
    })
    const result = compileDeck(dir, { root: ROOT })
    expect(result.deck.meta.title).toBe('T')
    expect(result.deck.slides.map((s) => s.id)).toEqual(['a', 'b'])
    expect(result.diagnostics.map((d) => d.code)).toEqual(['not-utf8'])
  })
})

describe('CRLF line endings', () => {
  const files = {
    '01-a.md': `${TITLE}# A\n\nSee $\\foo$ here.\n\n---\n\n- item ![](x.png)\n`,
    '02-b.md': '---\nsection: S\ndate: 2024\n---\n## B\n\n$$\na\n+ \\bar\n$$\n\n```\nopen\n',
  }
  const crlf = (text: string): string => text.replace(/\n/g, '\r\n')

  it('give the same diagnostics and slide lines as LF', () => {
    const lf = folder('lf', files)
    const dos = folder('crlf', {
      '01-a.md': crlf(files['01-a.md']),
      '02-b.md': crlf(files['02-b.md']),
    })
    const a = diagnostics(lf)
    expect(a.length).toBeGreaterThanOrEqual(5)
    expect(diagnostics(dos).map((l) => l.replaceAll(`${REL}/crlf/`, `${REL}/lf/`))).toEqual(a)
    const lines = (dir: string): number[] =>
      compileDeck(dir, { root: ROOT }).deck.slides.map((s) => s.line)
    expect(lines(dos)).toEqual(lines(lf))
  })
})

describe('firstInvalidUtf8', () => {
  it('finds overlong forms, surrogates and truncated sequences', () => {
    expect(firstInvalidUtf8(Buffer.from('ok é 𝑥'))).toBe(-1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1)
    expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0)
  })
})
