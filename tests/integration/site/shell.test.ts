// The page shell (src/site/shell.ts): the runtime built by Vite once, filled per deck. The page
// and files it writes are the ones a full Vite build of the deck writes, its fonts cut the same
// way (src/site/font-subset.ts), byte for byte.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile, compileDeck, type CompileResult } from '../../../src/compiler/index.ts'
import { viteBuildDeck } from '../../../src/site/build.ts'
import { ROOT } from '../../../src/site/paths.ts'
import { subsetDeckFonts, scriptText } from '../../../src/site/font-subset.ts'
import { assembleDeck, buildShell, shellIsFresh } from '../../../src/site/shell.ts'
import { newestDeck } from '../../helpers/sessions.ts'

const tmp = mkdtempSync(join(tmpdir(), 'rif-shell-'))
const shell = resolve(tmp, 'shell')
const deck = newestDeck()
let result: CompileResult

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()
}

/**
 * Cuts a Vite build's fonts as the shell cuts a deck's (src/site/font-subset.ts), after the fact:
 * the page then names the same files.
 */
async function cutFonts(dir: string): Promise<{ before: number; after: number }> {
  const page = resolve(dir, 'index.html')
  const cut = await subsetDeckFonts(dir, readFileSync(page, 'utf8'), scriptText(dir))
  writeFileSync(page, cut.html)
  return cut.report
}

beforeAll(async () => {
  // Drawn: on a fresh machine no chart or diagram of the session is cached yet.
  result = await compile(deck, { root: ROOT })
  await buildShell(shell)
}, 60_000)
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('the page shell', () => {
  it('keeps the placeholders a deck fills, and records what it was built from', () => {
    const html = readFileSync(resolve(shell, 'index.html'), 'utf8')
    for (const mark of ['<!--deck:head-->', '<!--deck:slides-->', '<!--deck:frame-->'])
      expect(html).toContain(mark)
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/)
    const { inputs } = JSON.parse(readFileSync(resolve(shell, 'shell.json'), 'utf8')) as {
      inputs: { file: string }[]
    }
    const names = inputs.map((i) => i.file.slice(ROOT.length + 1))
    expect(names).toContain('index.html')
    expect(names).toContain('src/runtime/main.ts')
    expect(names).toContain('src/theme/theme.css')
    expect(names.some((n) => n.startsWith('node_modules/reveal.js/'))).toBe(true)
    expect(shellIsFresh(shell)).toBe(true)
  })

  it('is stale once a file it was built from changed, or is gone', () => {
    const path = resolve(shell, 'shell.json')
    const saved = readFileSync(path, 'utf8')
    try {
      const manifest = JSON.parse(saved) as { inputs: { file: string; mtimeMs: number }[] }
      manifest.inputs.find((i) => i.file.endsWith('src/runtime/main.ts'))!.mtimeMs -= 1000
      writeFileSync(path, JSON.stringify(manifest))
      expect(shellIsFresh(shell)).toBe(false)
      manifest.inputs[0]!.file = resolve(ROOT, 'no-such-file.ts')
      writeFileSync(path, JSON.stringify(manifest))
      expect(shellIsFresh(shell)).toBe(false)
      writeFileSync(path, '{')
      expect(shellIsFresh(shell)).toBe(false)
      // A shell copied from another checkout names that checkout's files: it is not this one's.
      writeFileSync(path, JSON.stringify({ ...JSON.parse(saved), root: '/elsewhere' }))
      expect(shellIsFresh(shell)).toBe(false)
    } finally {
      writeFileSync(path, saved)
    }
    expect(shellIsFresh(shell)).toBe(true)
    expect(shellIsFresh(resolve(tmp, 'none'))).toBe(false)
  })

  it("writes the deck's page and files as the full Vite build of the deck does, byte for byte", async () => {
    const viaVite = resolve(tmp, 'vite')
    const viaShell = resolve(tmp, 'assembled')
    await viteBuildDeck(deck, viaVite, result)
    const cut = await cutFonts(viaVite)
    expect(cut.after).toBeLessThan(cut.before)
    await assembleDeck(viaShell, result, shell)
    expect(files(viaShell)).toEqual(files(viaVite))
    for (const file of files(viaVite))
      expect(
        readFileSync(resolve(viaShell, file)).equals(readFileSync(resolve(viaVite, file))),
        file,
      ).toBe(true)
    const html = readFileSync(resolve(viaShell, 'index.html'), 'utf8')
    expect(html).toContain('http-equiv="Content-Security-Policy"')
    expect(html).not.toContain('<!--deck:')
  }, 60_000)

  it("writes the deck's published files (deck-assets/) where the Vite build does", async () => {
    const dir = resolve(tmp, 'decks/2030-01-01-pictures')
    mkdirSync(dir, { recursive: true })
    copyFileSync(resolve(ROOT, 'assets/favicon.png'), resolve(dir, 'icon.png'))
    writeFileSync(
      resolve(dir, '01.md'),
      '---\ntitle: Pictures\n---\n\n## A picture\n\n![The icon](icon.png)\n',
    )
    const pictures = compileDeck(dir, { root: ROOT })
    expect(pictures.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const viaVite = resolve(tmp, 'pictures-vite')
    const viaShell = resolve(tmp, 'pictures-assembled')
    await viteBuildDeck(dir, viaVite, pictures)
    await cutFonts(viaVite)
    await assembleDeck(viaShell, pictures, shell)
    const published = files(viaShell).filter((f) => f.startsWith('deck-assets/'))
    expect(published).toEqual([expect.stringMatching(/^deck-assets\/icon-[\w-]+\.png$/)])
    expect(files(viaShell)).toEqual(files(viaVite))
    expect(
      readFileSync(resolve(viaShell, published[0]!)).equals(
        readFileSync(resolve(ROOT, 'assets/favicon.png')),
      ),
    ).toBe(true)
  }, 60_000)

  it('publishes nothing outside deck-assets/, whatever name an asset carries', async () => {
    const out = resolve(tmp, 'escape/site')
    const bytes = new Uint8Array([1, 2, 3])
    for (const fileName of [
      '../evil.png',
      'deck-assets/../../evil.png',
      '/tmp/evil.png',
      'deck-assets/a/b.png',
    ]) {
      const hostile = {
        ...result,
        deck: { ...result.deck, assets: [{ fileName, url: './x', bytes, mime: 'image/png' }] },
      } as CompileResult
      await expect(assembleDeck(out, hostile, shell), fileName).rejects.toThrow(
        /outside deck-assets/,
      )
    }
    expect(files(resolve(tmp, 'escape')).filter((f) => f.includes('evil'))).toEqual([])
  }, 60_000)
})
