// The CLI as `npm run build` and `npm run check` start it: plain JavaScript compiled ahead into
// build/ (scripts/build-cli.mjs, tsconfig.build.json), run by plain Node with no TypeScript loader,
// loading the heavy libraries only for decks that use them.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const TMP = resolve(ROOT, `.tmp/compiled-cli-test-${process.pid}`)
const REPORTER = resolve(ROOT, 'tests/helpers/loaded-modules.mjs')

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })

interface Run {
  code: number
  stdout: string
  stderr: string
  /** Every module the process loaded (ES module URLs, CommonJS paths). */
  modules: string[]
  execArgv: string[]
}

/** `node --import <reporter> build/cli/main.js …args`, with what it loaded. */
function cli(name: string, ...args: string[]): Run {
  const log = resolve(TMP, `${name}.log`)
  writeFileSync(log, '')
  const r = spawnSync(process.execPath, ['--import', REPORTER, 'build/cli/main.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, LOADED_MODULES_LOG: log, NODE_OPTIONS: '' },
  })
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean)
  const execArgv = lines.find((l) => l.startsWith('execArgv '))
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    modules: lines.filter((l) => !l.startsWith('execArgv ')).map((l) => l.slice(4)),
    execArgv: execArgv ? (JSON.parse(execArgv.slice(9)) as string[]) : [],
  }
}

function deck(name: string, files: Record<string, string>): string {
  const dir = resolve(TMP, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(resolve(dir, file), text)
  return dir
}

const loaded = (run: Run, pattern: RegExp): string[] => run.modules.filter((m) => pattern.test(m))

/** The cards' drawing library (src/charts/libraries.ts loads it on a deck's first card) and Vega. */
const CHARTS = /\/node_modules\/(qrcode|vega|vega-lite)\//
const TS_LOADER = /\/node_modules\/(tsx|esbuild|ts-node|@esbuild)\/|\.ts$/

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
  // What `npm run build` does first (scripts/cli.mjs): compile if a source file changed.
  const compile = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  expect(compile.status, compile.stderr).toBe(0)
})

afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('the compiled CLI', () => {
  it('is what npm run build and npm run check run', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    // One process: the staleness check of build/, then the compiled CLI (scripts/cli.mjs).
    expect(pkg.scripts.build).toBe('node scripts/cli.mjs build')
    expect(pkg.scripts.check).toBe('node scripts/cli.mjs check')
    expect(pkg.scripts.prebuild).toBeUndefined()
    expect(pkg.scripts.prepare).toBe('node scripts/build-cli.mjs')
  })

  it('checks a deck with plain Node: no TypeScript loader, no .ts module', () => {
    const dir = deck('plain', {
      '01-title.md': '---\ntitle: Plain deck\n---\n# Plain deck\n\n---\n\n## Math\n\n$$x^2$$\n',
    })
    const run = cli('plain-check', 'check', '--slides', dir)
    expect(run.code, run.stderr).toBe(0)
    expect(run.execArgv.join(' ')).not.toMatch(/tsx|loader|ts-node/)
    expect(loaded(run, TS_LOADER)).toEqual([])
    // It did load our compiled modules (the reporter sees them).
    expect(loaded(run, /\/build\/cli\/main\.js$/)).toHaveLength(1)
    // Checking builds nothing: no Vite, no bundler.
    expect(loaded(run, /\/node_modules\/(vite|rolldown)\//)).toEqual([])
  })

  it('builds a deck without charts without loading the chart code', () => {
    const dir = deck('no-charts', {
      '01-title.md': '---\ntitle: No charts\n---\n# No charts\n\n---\n\n## Math\n\n$a_t$\n',
    })
    const run = cli('no-charts-build', 'build', '--slides', dir, '--out', resolve(TMP, 'out-plain'))
    expect(run.code, run.stderr).toBe(0)
    expect(loaded(run, CHARTS)).toEqual([])
    // Nor the spelling checker (only `check` spells), nor a browser (no Mermaid diagram here).
    expect(loaded(run, /\/node_modules\/(cspell-lib|playwright-core)\//)).toEqual([])
  })

  it('loads the card code for a deck with a figure card', () => {
    const dir = deck('chart', {
      '01-title.md':
        '---\ntitle: A chart\n---\n# A chart\n\n---\n\n## Chart\n\n```chart\nfigure-card\n```\n',
    })
    mkdirSync(resolve(dir, 'data'))
    writeFileSync(
      resolve(dir, 'data/paper-figures.json'),
      JSON.stringify({
        source: 'a paper',
        description: 'its figures',
        figures: {
          '1': { what: 'a plot', caption: 'A plot.', where: '§1', url: 'https://example.org/#F1' },
        },
      }),
    )
    const run = cli('chart-check', 'check', '--slides', dir)
    expect(run.code, run.stderr + run.stdout).toBe(0)
    expect(loaded(run, /\/node_modules\/qrcode\//).length).toBeGreaterThan(0)
  })
})
