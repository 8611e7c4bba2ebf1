// A site build reuses what did not change (src/site/session-cache.ts): after one slide of one
// session is edited, the build compiles and writes that session only, and keeps every other
// session's folder of the previous build as it was. Counted in compiles, never timed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compile } from '../../../src/compiler/index.ts'
import { buildSite, compileSiteReusing } from '../../../src/site/build.ts'
import { ROOT } from '../../../src/site/paths.ts'
import { sessionEntryFile } from '../../../src/site/session-cache.ts'

const tmp = mkdtempSync(join(tmpdir(), 'rif-reuse-'))
const slides = resolve(tmp, 'slides')
const out = resolve(tmp, 'dist')
const SESSIONS = ['2025-01-01-first', '2025-02-01-second', '2025-03-01-third']
const dirOf = (slug: string): string => resolve(slides, slug)

afterAll(() => {
  for (const slug of SESSIONS) rmSync(sessionEntryFile(dirOf(slug)), { force: true })
  rmSync(tmp, { recursive: true, force: true })
})

for (const slug of SESSIONS) {
  mkdirSync(dirOf(slug), { recursive: true })
  writeFileSync(
    resolve(dirOf(slug), '01-title.md'),
    `---\ntitle: Session ${slug}\ndate: ${slug.slice(0, 10)}\n---\n\n# Session ${slug}\n`,
  )
  writeFileSync(
    resolve(dirOf(slug), '02-body.md'),
    `## Body\n\n- A point about ${slug.slice(11)}\n`,
  )
}

/** Builds the site as `npm run build` does; returns the sessions it compiled. */
async function build(): Promise<string[]> {
  const compiled: string[] = []
  const decks = await compileSiteReusing(
    out,
    (dir) => {
      compiled.push(basename(dir))
      return compile(dir, { root: ROOT })
    },
    slides,
  )
  await buildSite(decks, out)
  return compiled.sort()
}

const page = (slug: string): string => readFileSync(resolve(out, slug, 'index.html'), 'utf8')
const pageTime = (slug: string): number => statSync(resolve(out, slug, 'index.html')).mtimeMs

describe('a build after a build', () => {
  it('compiles every session the first time', async () => {
    expect(await build()).toEqual(SESSIONS)
    for (const slug of SESSIONS) expect(page(slug)).toContain(`A point about ${slug.slice(11)}`)
  })

  it('compiles none when nothing changed, and keeps every folder as it was', async () => {
    const before = SESSIONS.map(pageTime)
    expect(await build()).toEqual([])
    expect(SESSIONS.map(pageTime)).toEqual(before)
    expect(readFileSync(resolve(out, 'search-index.json'), 'utf8')).toContain('A point about')
  })

  it('compiles only the session whose slide was edited', async () => {
    const [first, second, third] = SESSIONS as [string, string, string]
    const kept = [first, third].map((slug) => [page(slug), pageTime(slug)])
    writeFileSync(resolve(dirOf(second), '02-body.md'), `## Body\n\n- An edited point\n`)
    expect(await build()).toEqual([second])
    expect(page(second)).toContain('An edited point')
    expect([first, third].map((slug) => [page(slug), pageTime(slug)])).toEqual(kept)
    // The home page's search finds the edit.
    expect(readFileSync(resolve(out, 'search-index.json'), 'utf8')).toContain('An edited point')
  })

  it('compiles a session again whose cache entry is damaged, or whose folder was changed', async () => {
    const [first, second] = SESSIONS as [string, string]
    const entry = sessionEntryFile(dirOf(first))
    writeFileSync(entry, readFileSync(entry, 'utf8').slice(0, 100))
    writeFileSync(resolve(out, second, 'index.html'), 'not the page the build wrote')
    expect(await build()).toEqual([first, second])
    expect(page(second)).toContain('An edited point')
    expect(await build()).toEqual([])
  })

  it('compiles a session again when a file it reads is added to its folder', async () => {
    const third = SESSIONS[2]!
    writeFileSync(resolve(dirOf(third), '03-more.md'), '## More\n\nAnother slide.\n')
    expect(await build()).toEqual([third])
    expect(page(third)).toContain('Another slide.')
  })
})
