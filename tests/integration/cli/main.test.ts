// The CLI contract: `build --slides --out` and `check --slides` print `path:line:column: error: message`,
// exit 1 on errors, never print a stack trace, and a failed build writes nothing.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CLI_NODE_ARGS } from '../../../src/cli/node-args.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
// One folder per run: other test runs in the same checkout must not delete it under us.
const REL = `.tmp/cli-test-${process.pid}`
const TMP = resolve(ROOT, REL)
const RE_REL = REL.replace(/[.]/g, '\\.')

// Each test runs the real CLI (a Node process, sometimes a Vite build): seconds, not milliseconds.
vi.setConfig({ testTimeout: 120_000 })

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI_NODE_ARGS, 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function deck(name: string, files: Record<string, string | Buffer>): string {
  const dir = resolve(TMP, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(resolve(dir, file), text)
  return `${REL}/${name}`
}

const TITLE = '---\ntitle: Test deck\n---\n# Test deck\n'
const noStack = (text: string): void => expect(text).not.toMatch(/^\s+at /m)

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
})
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('npm run check', () => {
  it('passes a good deck and says how many slides it has', () => {
    const dir = deck('good', { '01-title.md': TITLE, '02-a.md': '## A\n\n$x$\n\n---\n\n## B\n' })
    const r = run('check', '--slides', dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('3 slides, 0 errors, 0 warnings')
  })

  it('reports broken TeX at its file, line and column, with exit code 1', () => {
    const dir = deck('bad-tex', {
      '01-title.md': TITLE,
      '02-a.md': '## A\n\nSee $\\frac{1}{$ here.\n',
    })
    const r = run('check', '--slides', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      new RegExp(`^${RE_REL}/bad-tex/02-a\\.md:3:\\d+: error: KaTeX: .+ \\[katex-parse\\]$`, 'm'),
    )
    noStack(r.stderr + r.stdout)
  })

  it('reports a file that is not UTF-8', () => {
    const dir = deck('latin1', {
      '01-title.md': TITLE,
      '02-a.md': Buffer.from('## Caf\xe9\n', 'latin1'),
    })
    const r = run('check', '--slides', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${REL}/latin1/02-a.md:1:7: error: file is not valid UTF-8`)
    noStack(r.stderr)
  })

  it('reports bad YAML and a missing image', () => {
    const dir = deck('yaml', {
      '01-title.md': '---\ntitle: [unclosed\n---\n# T\n',
      '02-a.md': '## A\n\n![A chart](nope.svg)\n',
    })
    const r = run('check', '--slides', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/01-title\.md:\d+:\d+: error: invalid YAML/)
    expect(r.stderr).toContain(`${REL}/yaml/02-a.md:3:1: error: image \`nope.svg\` not found`)
    noStack(r.stderr)
  })

  it('explains a bad command line without a stack trace', () => {
    const r = run('check', '--nope')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('usage:')
    noStack(r.stderr)
  })
})

describe('npm run build', () => {
  it('writes index.html with every slide pre-rendered and relative asset URLs', () => {
    const dir = deck('site', {
      '01-title.md': TITLE,
      '02-a.md':
        '## Pass@k {#pk}\n\n$$\\binom{n}{k}$$\n\n![The RL loop](diagrams/rl-loop.svg)\n\n::: notes\nSay $k$.\n:::\n',
    })
    const out = resolve(TMP, 'site-out')
    const r = run('build', '--slides', dir, '--out', out)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const html = readFileSync(resolve(out, 'index.html'), 'utf8')
    expect(html).toContain('<section id="pk"')
    expect(html).toContain('<aside class="notes">')
    expect(html).toContain('<math')
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/)
    // An SVG diagram is inlined, sanitised, labelled by its alt text (the deck's font).
    expect(html).toMatch(/<svg[^>]* class="deck-svg" role="img" aria-label="The RL loop"/)
  })

  it('fails on an error, writes nothing, and leaves an existing output folder as it was', () => {
    const dir = deck('broken', { '01-title.md': TITLE, '02-a.md': '## A\n\n$$\\sqrt{$$\n' })
    const out = resolve(TMP, 'broken-out')
    mkdirSync(out, { recursive: true })
    writeFileSync(resolve(out, 'index.html'), 'previous build')
    const r = run('build', '--slides', dir, '--out', out)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`^${RE_REL}/broken/02-a\\.md:3:\\d+: error: KaTeX`, 'm'))
    expect(r.stderr).toContain('nothing was written')
    noStack(r.stderr)
    expect(readFileSync(resolve(out, 'index.html'), 'utf8')).toBe('previous build')
    expect(existsSync(resolve(TMP, 'broken-out2'))).toBe(false)
  })
  it('builds a folder of plain Markdown with no front matter: the first heading is the title', () => {
    const dir = deck('plain', { 'a.md': '# Plain notes\n\nSome text.\n\n---\n\n## Second\n' })
    const out = resolve(TMP, 'plain-out')
    const r = run('build', '--slides', dir, '--out', out)
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(
      `${REL}/plain/a.md:1:1: warning: the deck has no \`title\` in its first file's front matter; using "Plain notes" [missing-title]`,
    )
    expect(r.stderr).toContain('hint: start the first file with ---, title: …, ---')
    expect(readFileSync(resolve(out, 'index.html'), 'utf8')).toContain('<title>Plain notes</title>')
  })

  it('without --out writes the deck to dist/<deck>/ and leaves the rest of the site alone', () => {
    const name = `2099-01-01-cli-${process.pid}`
    const dir = deck(name, { '01-title.md': TITLE })
    const dist = resolve(ROOT, 'dist')
    const sentinel = resolve(dist, `.cli-test-sentinel-${process.pid}`)
    mkdirSync(dist, { recursive: true })
    writeFileSync(sentinel, 'the rest of the site')
    try {
      const first = run('build', '--slides', dir)
      expect(first.code).toBe(0)
      expect(first.stdout).toContain(`into dist/${name}/`)
      expect(existsSync(resolve(dist, name, 'index.html'))).toBe(true)
      expect(readFileSync(sentinel, 'utf8')).toBe('the rest of the site')
      // Building again replaces that folder, and says so first.
      const again = run('build', '--slides', dir)
      expect(again.stdout).toMatch(new RegExp(`^replacing dist/${name}/ `, 'm'))
    } finally {
      rmSync(sentinel, { force: true })
      rmSync(resolve(dist, name), { recursive: true, force: true })
    }
  })
})

describe('inside GitHub Actions', () => {
  it('also prints ::error annotations with file, line and column', () => {
    const dir = deck('annotated', {
      '01-title.md': TITLE,
      '02-a.md': '## A\n\nSee $\\frac{1}{$ here.\n',
    })
    const r = spawnSync(
      process.execPath,
      [...CLI_NODE_ARGS, 'src/cli/main.ts', 'check', '--slides', dir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTIONS: 'true' },
      },
    )
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(
      new RegExp(
        `^::error file=${RE_REL}/annotated/02-a\\.md,line=3,col=\\d+,title=katex-parse::KaTeX: `,
        'm',
      ),
    )
  })
})

describe('reproducible builds', () => {
  it('builds the same input twice into byte-identical folders', () => {
    const dir = deck('repro', {
      '01-title.md': TITLE,
      '02-a.md':
        '## A\n\n$$\\sum_{i=1}^n i$$\n\n![The RL loop](diagrams/rl-loop.svg)\n\n::: notes\nSay $k$.\n:::\n',
    })
    const outs = ['repro-1', 'repro-2'].map((name) => resolve(TMP, name))
    for (const out of outs) expect(run('build', '--slides', dir, '--out', out).code).toBe(0)
    const tree = (root: string): Record<string, string> => {
      const files: Record<string, string> = {}
      const walk = (d: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          const p = resolve(d, e.name)
          if (e.isDirectory()) walk(p)
          else files[relative(root, p)] = createHash('sha256').update(readFileSync(p)).digest('hex')
        }
      }
      walk(root)
      return files
    }
    const [a, b] = outs.map(tree)
    expect(Object.keys(a!).length).toBeGreaterThan(3)
    expect(a).toEqual(b)
  })
})
