// The GitHub workflows do what the project relies on: CI checks and tests pull requests on Node 20
// and uploads the built site; Pages deploys dist/ from main.
import { readFileSync } from 'node:fs'
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
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, { steps: Step[]; needs?: string; environment?: { name: string } }>
}

const load = (name: string): Workflow =>
  parse(readFileSync(resolve(ROOT, '.github/workflows', name), 'utf8')) as Workflow
const uses = (steps: Step[]): string[] =>
  steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]!] : []))
const runs = (steps: Step[]): string[] => steps.flatMap((s) => (s.run ? [s.run] : []))

describe('.github/workflows/ci.yml', () => {
  const ci = load('ci.yml')
  const steps = ci.jobs.test!.steps

  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']))
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

  it('uploads dist/ as an artifact for reviewers', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))
    expect(upload?.with?.path).toBe('dist/')
  })
})

describe('.github/workflows/pages.yml', () => {
  const pages = load('pages.yml')

  it('deploys on pushes to main with the permissions Pages needs', () => {
    expect((pages.on.push as { branches: string[] }).branches).toContain('main')
    expect(pages.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' })
  })

  it('builds, configures, uploads and deploys the site', () => {
    const build = pages.jobs.build!.steps
    const commands = runs(build)
    const buildAt = commands.findIndex((r) => r.includes('npm run build'))
    const pdfAt = commands.findIndex((r) => r.includes('npm run pdf'))
    expect(buildAt).toBeGreaterThanOrEqual(0)
    // PDFs after the build (the build replaces dist/), so the published site links them.
    expect(pdfAt).toBeGreaterThan(buildAt)
    expect(uses(build)).toEqual(
      expect.arrayContaining(['actions/configure-pages', 'actions/upload-pages-artifact']),
    )
    expect(build.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe(
      'dist/',
    )
    const deploy = pages.jobs.deploy!
    expect(deploy.needs).toBe('build')
    expect(deploy.environment?.name).toBe('github-pages')
    expect(uses(deploy.steps)).toContain('actions/deploy-pages')
  })
})
