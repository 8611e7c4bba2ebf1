// The GitHub workflows do what the project relies on: CI checks and tests pull requests on Node 20
// and uploads the built site; Pages deploys dist/ from main. Least privilege: a pull request's code
// runs with a read-only token that is not left in .git/config, and only main's deploy job may write
// Pages. CI, .ci/run and docs/install.md name the same prerequisites (.ci/prerequisites).
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = resolve(import.meta.dirname, '../../..')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
  id?: string
}
/** A `permissions:` block: a map, or one of the shorthands `read-all` / `write-all`. */
type Permissions = Record<string, string> | string
interface Job {
  steps: Step[]
  needs?: string
  environment?: { name: string }
  permissions?: Permissions
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Permissions
  jobs: Record<string, Job>
}

const load = (name: string): Workflow =>
  parse(readFileSync(resolve(ROOT, '.github/workflows', name), 'utf8')) as Workflow
const uses = (steps: Step[]): string[] =>
  steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]!] : []))
const runs = (steps: Step[]): string[] => steps.flatMap((s) => (s.run ? [s.run] : []))
/** What a job's token may do: its own block, else the workflow's (GitHub's rule; none means defaults). */
const tokenOf = (wf: Workflow, job: Job): Permissions | undefined =>
  job.permissions ?? wf.permissions
/** The scopes a token may write (a shorthand `write-all` writes everything). */
const writes = (p: Permissions | undefined): string[] =>
  p === undefined || p === 'write-all'
    ? ['*']
    : typeof p === 'string'
      ? []
      : Object.entries(p).flatMap(([scope, level]) => (level === 'write' ? [scope] : []))
const checkouts = (wf: Workflow): Step[] =>
  Object.values(wf.jobs).flatMap((j) =>
    j.steps.filter((s) => s.uses?.startsWith('actions/checkout@')),
  )

const WORKFLOWS = readdirSync(resolve(ROOT, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f))

describe('every workflow', () => {
  it.each(WORKFLOWS)('%s never runs on pull_request_target (a fork PR with a write token)', (f) => {
    const wf = load(f)
    expect(Object.keys(wf.on)).not.toContain('pull_request_target')
    // Nor in any spelling GitHub accepts (a list or a string `on:`).
    expect(readFileSync(resolve(ROOT, '.github/workflows', f), 'utf8')).not.toMatch(
      /pull_request_target/,
    )
  })

  it.each(WORKFLOWS)('%s checks out without keeping the token in .git/config', (f) => {
    const steps = checkouts(load(f))
    expect(steps.length).toBeGreaterThan(0)
    for (const s of steps) expect(s.with?.['persist-credentials']).toBe(false)
  })
})

describe('.github/workflows/ci.yml', () => {
  const ci = load('ci.yml')
  const steps = ci.jobs.test!.steps

  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']))
  })

  it('gives every job a read-only token: permissions contents: read and nothing else', () => {
    expect(ci.permissions).toEqual({ contents: 'read' })
    for (const job of Object.values(ci.jobs)) {
      expect(tokenOf(ci, job)).toEqual({ contents: 'read' })
      expect(writes(tokenOf(ci, job))).toEqual([])
    }
  })

  it('installs Node 20 with npm ci, then checks and tests', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node'))
    expect(node?.with?.['node-version']).toBe(20)
    const commands = runs(steps)
    const order = ['npm ci', 'npm run check', 'npm test'].map((c) =>
      commands.findIndex((r) => r.includes(c)),
    )
    expect(order.every((i) => i >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('finds or installs the browsers and poppler-utils with .ci/prerequisites, before npm test', () => {
    const commands = runs(steps)
    const at = commands.findIndex((r) => r.trim() === '.ci/prerequisites')
    expect(at).toBeGreaterThanOrEqual(0)
    expect(at).toBeLessThan(commands.findIndex((r) => r.includes('npm test')))
  })

  it('uploads dist/ as an artifact for reviewers', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))
    expect(upload?.with?.path).toBe('dist/')
  })
})

describe('.github/workflows/pages.yml', () => {
  const pages = load('pages.yml')

  it('deploys on pushes to main only, never on a pull request', () => {
    expect((pages.on.push as { branches: string[] }).branches).toEqual(['main'])
    expect(Object.keys(pages.on).sort()).toEqual(['push', 'workflow_dispatch'])
    // A manual run may only deploy main: the deploy job's environment (github-pages) is limited
    // to main by GitHub's default deployment branch rule.
    expect(pages.jobs.deploy?.environment?.name).toBe('github-pages')
  })

  it('grants pages: write and id-token: write to the deploy job only, contents: read elsewhere', () => {
    expect(pages.permissions).toEqual({ contents: 'read' })
    const { deploy, ...others } = pages.jobs
    expect(tokenOf(pages, deploy!)).toEqual({ pages: 'write', 'id-token': 'write' })
    expect(Object.keys(others).length).toBeGreaterThan(0)
    for (const job of Object.values(others)) {
      expect(tokenOf(pages, job)).toEqual({ contents: 'read' })
      expect(writes(tokenOf(pages, job))).toEqual([])
    }
    // The job that runs the repository's code (npm ci, build) is not the one that can deploy.
    expect(runs(deploy!.steps)).toEqual([])
  })

  it('builds, configures, uploads and deploys the site', () => {
    const build = pages.jobs.build!.steps
    const commands = runs(build)
    const buildAt = commands.findIndex((r) => r.includes('npm run build'))
    const pdfAt = commands.findIndex((r) => r.includes('npm run pdf'))
    expect(buildAt).toBeGreaterThanOrEqual(0)
    // PDFs after the build (the build replaces dist/), so the published site links them.
    expect(pdfAt).toBeGreaterThan(buildAt)
    expect(uses(build)).toContain('actions/upload-pages-artifact')
    expect(build.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe(
      'dist/',
    )
    const deploy = pages.jobs.deploy!
    expect(deploy.needs).toBe('build')
    expect(deploy.environment?.name).toBe('github-pages')
    // configure-pages reads the Pages settings, which needs a Pages permission: it runs in deploy.
    expect(uses(deploy.steps)).toEqual(['actions/configure-pages', 'actions/deploy-pages'])
  })
})

describe('the prerequisites', () => {
  const script = readFileSync(resolve(ROOT, '.ci/prerequisites'), 'utf8')
  const packages = ['chromium', 'firefox-esr', 'poppler-utils']

  it('.ci/prerequisites looks for each browser where the tests look, and installs what is missing', () => {
    for (const path of ['/usr/bin/chromium', '/usr/bin/google-chrome', 'CHROME_PATH'])
      expect(script).toContain(path)
    for (const path of ['/usr/bin/firefox-esr', '/usr/bin/firefox', 'FIREFOX_PATH'])
      expect(script).toContain(path)
    for (const name of packages) expect(script).toMatch(new RegExp(`missing\\+=\\(${name}\\)`))
  })

  it('.ci/run runs .ci/prerequisites, then npm ci and npm test', () => {
    const lines = readFileSync(resolve(ROOT, '.ci/run'), 'utf8').split('\n')
    const at = (line: string): number => lines.findIndex((l) => l.startsWith(line))
    expect(at('.ci/prerequisites')).toBeGreaterThan(0)
    expect(at('npm ci')).toBeGreaterThan(at('.ci/prerequisites'))
    expect(at('npm test')).toBeGreaterThan(at('npm ci'))
  })

  it('docs/install.md names the same packages and the script', () => {
    const doc = readFileSync(resolve(ROOT, 'docs/install.md'), 'utf8')
    for (const name of [...packages, '.ci/prerequisites', 'FIREFOX_PATH', 'CHROME_PATH'])
      expect(doc).toContain(name)
  })
})
