// recordDeckReads (src/untrusted/paths.ts): the paths readDeckFile looked at while a call ran,
// its asynchronous continuations included, each call apart from another running at once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deckRoots, readDeckFile, recordDeckReads } from '../../../src/untrusted/index.ts'

const tmp = mkdtempSync(join(tmpdir(), 'record-reads-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const deck = resolve(tmp, 'deck')
const assets = resolve(tmp, 'assets')
mkdirSync(deck, { recursive: true })
mkdirSync(assets, { recursive: true })
writeFileSync(resolve(deck, 'a.md'), 'a')
writeFileSync(resolve(deck, 'b.md'), 'b')
writeFileSync(resolve(assets, 'pic.svg'), '<svg/>')
const roots = deckRoots(tmp, deck, assets)
const read = (ref: string) => readDeckFile(ref, deck, roots, { fallbackDirs: [assets] })
const tick = () => new Promise((r) => setTimeout(r, 5))

describe('recordDeckReads', () => {
  it('records each place a path was looked for, found or not, after awaits too', async () => {
    const { value, paths } = await recordDeckReads(async () => {
      read('a.md')
      await tick()
      return 'code' in read('pic.svg') ? 'refused' : 'read'
    })
    expect(value).toBe('read')
    expect(paths).toEqual([
      resolve(deck, 'a.md'),
      resolve(deck, 'pic.svg'),
      resolve(assets, 'pic.svg'),
    ])
  })

  it('records nothing read outside it, and keeps two calls at once apart', async () => {
    read('b.md')
    const [one, two] = await Promise.all([
      recordDeckReads(async () => {
        await tick()
        read('a.md')
      }),
      recordDeckReads(async () => {
        read('b.md')
        await tick()
      }),
    ])
    expect(one.paths).toEqual([resolve(deck, 'a.md')])
    expect(two.paths).toEqual([resolve(deck, 'b.md')])
  })

  it('adds what a nested call recorded to the call around it', async () => {
    const outer = await recordDeckReads(async () => {
      read('a.md')
      const inner = await recordDeckReads(() => read('b.md'))
      expect(inner.paths).toEqual([resolve(deck, 'b.md')])
    })
    expect(outer.paths).toEqual([resolve(deck, 'a.md'), resolve(deck, 'b.md')])
  })
})
