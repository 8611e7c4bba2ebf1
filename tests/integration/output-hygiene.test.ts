// Output hygiene: text from a deck — front-matter keys, slide text, file names —
// and from the command line never prints a line that GitHub reads as a workflow command, nor a
// terminal escape. The real CLI runs as a child process inside "GitHub Actions"
// (GITHUB_ACTIONS=true), through `check` and `build`; every line it prints is checked.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CLI_NODE_ARGS } from '../../src/cli/node-args.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const REL = `.tmp/hygiene-test-${process.pid}`
const TMP = resolve(ROOT, REL)

vi.setConfig({ testTimeout: 120_000 })

const ESC = '\u001b'
const FORGED = '::error file=x,line=1::forged'
/** Our own annotation: `::error|warning file=…,line=…,col=…[,endColumn=…],title=<code>::…`. */
const RE_OWN_ANNOTATION =
  /^::(?:error|warning) file=[^,\n]*,line=\d+,col=\d+(?:,endColumn=\d+)?,title=[a-z0-9-]+::/

function run(...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [...CLI_NODE_ARGS, 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, GITHUB_ACTIONS: 'true', FORCE_COLOR: '0' },
  })
  return { code: r.status ?? -1, out: `${r.stdout}\n${r.stderr}` }
}

/** Every printed line: no ESC byte, and nothing but our own annotations starts with `::`. */
function expectClean(out: string): void {
  expect(out).not.toContain(ESC)
  // Any other control character but tab and newline (CR moves the cursor back over a line).
  // eslint-disable-next-line no-control-regex
  expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  for (const line of out.split('\n')) {
    // The runner trims leading whitespace before it looks for `::`.
    if (line.trimStart().startsWith('::')) expect(line).toMatch(RE_OWN_ANNOTATION)
  }
}

const annotations = (out: string): string[] =>
  out.split('\n').filter((l) => RE_OWN_ANNOTATION.test(l))

function deck(name: string, files: Record<string, string>): string {
  const dir = resolve(TMP, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(resolve(dir, file), text)
  return `${REL}/${name}`
}

const TITLE = '---\ntitle: Test deck\n---\n# Test deck\n'

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
})
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('a hostile front-matter key, slide text and spelling', () => {
  const files = {
    // YAML's double-quoted "\n" and "\e" are a newline and an ESC in the key.
    '01-title.md': `---\ntitle: Hostile\n"x\\n${FORGED}\\e[2J": 1\n---\n# Hostile\n`,
    '02-a.md': `## A\n\nA wrrrongword${ESC}[2J here, and $\\frac{${ESC}[2J$ there.\n`,
  }

  it.each(['check', 'build'])('npm run %s prints the errors escaped, and no forged line', (cmd) => {
    const dir = deck(`fm-${cmd}`, files)
    const r = run(cmd, '--slides', dir, ...(cmd === 'build' ? ['--out', `${dir}-out`] : []))
    expect(r.code).toBe(1)
    expectClean(r.out)
    // The forged text did reach the output, as escaped text inside our own annotation.
    const own = annotations(r.out)
    expect(own.some((l) => l.includes('\\x0a::error file=x,line=1::forged\\x1b[2J'))).toBe(true)
    expect(r.out).toMatch(/01-title\.md:3:1: error: .*\\x0a::error file=x,line=1::forged\\x1b\[2J/)
    expect(r.out).toMatch(/02-a\.md:3:\d+: error: KaTeX/)
  })
})

describe('hostile file names', () => {
  const name = `03-x\n${FORGED}${ESC}[2J.md`

  it.each(['check', 'build'])(
    'npm run %s prints a file name with a newline and ESC escaped',
    (cmd) => {
      const dir = deck(`names-${cmd}`, {
        '01-title.md': TITLE,
        'a\nb.md': '## A\n\n$\\frac{$\n',
        [name]: '## B\n\n$\\frac{$\n',
      })
      const r = run(cmd, '--slides', dir, ...(cmd === 'build' ? ['--out', `${dir}-out`] : []))
      expect(r.code).toBe(1)
      expectClean(r.out)
      expect(r.out).toContain(`${REL}/names-${cmd}/a\\x0ab.md:3:`)
      expect(r.out).toContain(`03-x\\x0a::error file=x,line=1::forged\\x1b[2J.md:3:`)
      // In an annotation's file= property, `:` and `,` are escaped as well (GitHub's rules).
      expect(annotations(r.out).some((l) => l.includes('a\\x0ab.md,line=3'))).toBe(true)
    },
  )
})

describe('the command line', () => {
  it('escapes an unknown option it echoes', () => {
    const r = run('check', `--x\n${FORGED}${ESC}[2J`)
    expect(r.code).toBe(1)
    expectClean(r.out)
    // Node splits the option at `=` and quotes it (raw, then JSON-escaped): one escaped line.
    expect(r.out).toMatch(
      /^error: Unknown option '--x\\x0a::error file'\. .*"--x\\n::error file"$/m,
    )
  })

  it('escapes an unknown command it echoes', () => {
    const r = run(`b\n${FORGED}${ESC}[2J`)
    expect(r.code).toBe(1)
    expectClean(r.out)
    expect(r.out).toMatch(/unknown command/)
  })

  it('escapes the output folder it names after a good build', () => {
    const dir = deck('good', { '01-title.md': TITLE })
    const r = run('build', '--slides', dir, '--out', `${REL}/out\n${FORGED}${ESC}[2J`)
    expect(r.code).toBe(0)
    expectClean(r.out)
    expect(r.out).toMatch(/built 1 slides into .*out\\x0a::error file=x,line=1::forged\\x1b\[2J\//)
  })
})
