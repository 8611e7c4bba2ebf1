// The dev server's start (src/site/vite-config.ts): the one dependency the browser imports is
// pre-bundled without a scan of the project (a scan took 1.7 s of a cold start), and the runtime's
// modules are transformed while the server starts.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../../src/site/paths.ts'
import { createViteConfig } from '../../../src/site/vite-config.ts'

/** The .ts files under `dir`. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? files(resolve(dir, d.name))
      : d.name.endsWith('.ts')
        ? [resolve(dir, d.name)]
        : [],
  )
}

/** Packages browser code imports as values (not types, not stylesheets). */
function browserImports(): string[] {
  const found = new Set<string>()
  for (const dir of ['runtime', 'shared', 'passk'])
    for (const file of files(resolve(ROOT, 'src', dir))) {
      const text = readFileSync(file, 'utf8')
      const specifiers = [
        ...text.matchAll(/^\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^'.][^']*)'/gm),
        ...text.matchAll(/import\(\s*'([^'.][^']*)'\s*\)/g),
      ].map((m) => m[1]!)
      for (const s of specifiers) if (!s.endsWith('.css')) found.add(s)
    }
  return [...found].sort()
}

describe('the dev server start', () => {
  const config = createViteConfig({})

  it('pre-bundles every package the browser imports, and scans nothing for more', () => {
    expect(browserImports()).toContain('reveal.js')
    expect(config.optimizeDeps?.entries).toEqual([])
    expect([...(config.optimizeDeps?.include ?? [])].sort()).toEqual(browserImports())
  })

  it("warms the runtime's entry and its deck module, which exist", () => {
    const warm = config.server?.warmup?.clientFiles ?? []
    expect(warm.length).toBeGreaterThan(0)
    for (const file of warm) expect(existsSync(resolve(ROOT, file)), file).toBe(true)
  })
})
