// The site build's session cache (src/site/session-cache.ts): an entry is keyed by the tool's
// version, the session folder's names and every path the deck's file access looked at; it is
// used only while that key matches the files as they are now, and a damaged entry is a miss.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { compileDeck } from '../../../src/compiler/index.ts'
import { searchDocs } from '../../../src/site/search-index.ts'
import {
  inputState,
  lookupSession,
  outputFiles,
  outputMatches,
  recordCompile,
  sessionCacheDir,
  sessionKey,
  storeSession,
  type RecordedCompile,
} from '../../../src/site/session-cache.ts'
import { hashTool } from '../../../src/site/tool-version.ts'

const tmp = mkdtempSync(join(tmpdir(), 'session-cache-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** A project with slides/<session>/ (an include from _shared/, an image) and its own cache root. */
function project(name: string): { root: string; deck: string; shared: string; assets: string } {
  const root = resolve(tmp, name)
  const deck = resolve(root, 'slides/2025-01-01-s')
  const shared = resolve(root, 'slides/_shared')
  const assets = resolve(root, 'assets')
  // deck/img/ is there but empty: the image is found in assets/img/ after it was looked for there.
  for (const d of [resolve(deck, 'img'), shared, resolve(assets, 'img')])
    mkdirSync(d, { recursive: true })
  writeFileSync(resolve(deck, '01-title.md'), '---\ntitle: Cached\n---\n\n# Cached\n\nHello.\n')
  writeFileSync(resolve(deck, '02-rules.md'), '{{< include ../_shared/rules.md >}}\n')
  writeFileSync(resolve(shared, 'rules.md'), '## Rules\n\nBe kind.\n')
  writeFileSync(resolve(deck, '03-image.md'), '## Picture\n\n![A dot](img/dot.svg)\n')
  writeFileSync(
    resolve(assets, 'img/dot.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle cx="1" cy="1" r="1"/></svg>',
  )
  return { root, deck, shared, assets }
}

const compileOf = (p: { root: string; deck: string }): Promise<RecordedCompile> =>
  recordCompile(async () => compileDeck(p.deck, { root: p.root }))

async function stored(p: { root: string; deck: string }): Promise<RecordedCompile> {
  const compiled = await compileOf(p)
  expect(compiled.result.diagnostics).toEqual([])
  storeSession(
    p.deck,
    compiled,
    { search: searchDocs([{ slug: 's', result: compiled.result }]) },
    p.root,
  )
  return compiled
}

describe('recordCompile', () => {
  it('records every file the deck read and every place it looked, found or not', async () => {
    const p = project('record')
    const { inputs, result } = await compileOf(p)
    const paths = inputs.map((i) => i.path)
    for (const file of ['01-title.md', '02-rules.md', '03-image.md'])
      expect(paths).toContain(resolve(p.deck, file))
    expect(paths).toContain(resolve(p.shared, 'rules.md'))
    expect(paths).toContain(resolve(p.assets, 'img/dot.svg'))
    // The image was looked for beside the slide first: a file put there later changes the key.
    expect(inputs.find((i) => i.path === resolve(p.deck, 'img/dot.svg'))?.state).toBe('missing')
    expect(result.deck.slides.map((s) => s.id)).toContain('rules')
  })
})

describe('sessionKey', () => {
  const p = project('key')
  const inputs = [
    { path: resolve(p.deck, '01-title.md'), state: 'a' },
    { path: resolve(p.deck, 'dot.svg'), state: 'missing' },
  ]
  const key = sessionKey(p.deck, inputs, 'tool-1')

  it('is the same for the same inputs, tool and folder', () => {
    expect(
      sessionKey(
        p.deck,
        inputs.map((i) => ({ ...i })),
        'tool-1',
      ),
    ).toBe(key)
  })

  it('changes when an input changes, appears or is added, or the tool changes', () => {
    expect(sessionKey(p.deck, [inputs[0]!, { ...inputs[1]!, state: 'b' }], 'tool-1')).not.toBe(key)
    expect(sessionKey(p.deck, [{ ...inputs[0]!, state: 'c' }, inputs[1]!], 'tool-1')).not.toBe(key)
    expect(sessionKey(p.deck, inputs.slice(0, 1), 'tool-1')).not.toBe(key)
    expect(sessionKey(p.deck, inputs, 'tool-2')).not.toBe(key)
  })

  it('changes when a file is added to the session folder', () => {
    writeFileSync(resolve(p.deck, '04-new.md'), '## New\n')
    expect(sessionKey(p.deck, inputs, 'tool-1')).not.toBe(key)
  })
})

describe('hashTool', () => {
  it("changes when any of the tool's files changes or is added", () => {
    const root = resolve(tmp, 'tool')
    mkdirSync(resolve(root, 'src/a'), { recursive: true })
    writeFileSync(resolve(root, 'src/a/x.ts'), 'one')
    writeFileSync(resolve(root, 'index.html'), '<html>')
    writeFileSync(resolve(root, 'package-lock.json'), '{}')
    const before = hashTool(root)
    expect(hashTool(root)).toBe(before)
    writeFileSync(resolve(root, 'src/a/x.ts'), 'two')
    const edited = hashTool(root)
    expect(edited).not.toBe(before)
    writeFileSync(resolve(root, 'src/a/y.ts'), '')
    expect(hashTool(root)).not.toBe(edited)
    writeFileSync(resolve(root, 'package-lock.json'), '{"v":2}')
    expect(hashTool(root)).not.toBe(edited)
  })
})

describe('lookupSession', () => {
  let p: ReturnType<typeof project>
  let n = 0
  beforeEach(() => {
    p = project(`lookup-${++n}`)
  })

  it('gives back the stored compile while nothing it read changed', async () => {
    const compiled = await stored(p)
    const hit = lookupSession(p.deck, p.root)
    expect(hit?.result.deck.slides).toEqual(compiled.result.deck.slides)
    expect(hit?.result.deck.meta).toEqual(compiled.result.deck.meta)
    expect(hit?.search.map((d) => d.slide)).toEqual(compiled.result.deck.slides.map((s) => s.id))
  })

  it('misses after a slide, an included file or an image changed', async () => {
    await stored(p)
    writeFileSync(resolve(p.shared, 'rules.md'), '## Rules\n\nBe kind, always.\n')
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
    await stored(p)
    writeFileSync(
      resolve(p.assets, 'img/dot.svg'),
      readFileSync(resolve(p.assets, 'img/dot.svg'), 'utf8').replace('r="1"', 'r="0.5"'),
    )
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
    await stored(p)
    writeFileSync(resolve(p.deck, '01-title.md'), '---\ntitle: Cached\n---\n\n# Cached\n\nHello!\n')
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
  })

  it('misses when a file appears where the deck looked and found none', async () => {
    await stored(p)
    // The same name beside the slide now wins over assets/ (the session folder's names unchanged).
    writeFileSync(
      resolve(p.deck, 'img/dot.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2"/></svg>',
    )
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
  })

  it('ignores a truncated, damaged or foreign entry (the next build compiles and replaces it)', async () => {
    await stored(p)
    const [file] = (await import('node:fs')).readdirSync(sessionCacheDir(p.root))
    const path = resolve(sessionCacheDir(p.root), file!)
    const good = readFileSync(path, 'utf8')
    expect(lookupSession(p.deck, p.root)).toBeDefined()

    writeFileSync(path, good.slice(0, good.length >> 1))
    expect(lookupSession(p.deck, p.root)).toBeUndefined()

    // The key still matches, but the content is not what was stored.
    writeFileSync(path, good.replace('Hello.', 'Hijacked.'))
    expect(good).toContain('Hello.')
    expect(lookupSession(p.deck, p.root)).toBeUndefined()

    // The first line is the header (what the entry is keyed by), the payload follows.
    const newline = good.indexOf('\n')
    const header = JSON.parse(good.slice(0, newline)) as { format: number; key: string }
    const body = good.slice(newline + 1)
    const withHeader = (h: object): string => `${JSON.stringify(h)}\n${body}`
    expect(withHeader(header)).toBe(good)
    writeFileSync(path, withHeader({ ...header, format: header.format + 1 }))
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
    writeFileSync(path, withHeader({ ...header, key: 'another' }))
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
    writeFileSync(path, withHeader({ ...header, inputs: 'none' }))
    expect(lookupSession(p.deck, p.root)).toBeUndefined()
    writeFileSync(path, 'null')
    expect(lookupSession(p.deck, p.root)).toBeUndefined()

    // Stored again, it is used again.
    await stored(p)
    expect(lookupSession(p.deck, p.root)).toBeDefined()
  })
})

describe('outputMatches', () => {
  it('holds while the built folder has the files, sizes and times recorded, PDFs aside', () => {
    const dir = resolve(tmp, 'out/s')
    mkdirSync(resolve(dir, 'assets'), { recursive: true })
    writeFileSync(resolve(dir, 'index.html'), '<html>')
    writeFileSync(resolve(dir, 'assets/a.js'), 'x')
    const output = { base: '', files: outputFiles(dir) }
    expect(output.files.map(([f]) => f)).toEqual(['assets/a.js', 'index.html'])
    expect(outputMatches(output, dir, undefined)).toBe(true)
    expect(outputMatches(output, dir, 'https://g.test/')).toBe(false)
    writeFileSync(resolve(dir, 's.pdf'), 'pdf')
    writeFileSync(resolve(dir, 's.pdf.source'), 'stamp')
    expect(outputMatches(output, dir, undefined)).toBe(true)
    writeFileSync(resolve(dir, 'index.html'), '<html lang="en">')
    expect(outputMatches(output, dir, undefined)).toBe(false)
    expect(outputMatches(undefined, dir, undefined)).toBe(false)
    expect(outputMatches(output, resolve(tmp, 'out/none'), undefined)).toBe(false)
  })
})

describe('inputState', () => {
  it('tells a file by its bytes, a folder and a missing path apart', () => {
    const file = resolve(tmp, 'state.txt')
    writeFileSync(file, 'a')
    const a = inputState(file)
    writeFileSync(file, 'b')
    expect(inputState(file)).not.toBe(a)
    expect(inputState(tmp)).toBe('dir')
    expect(inputState(resolve(tmp, 'nothing-here'))).toBe('missing')
  })
})
