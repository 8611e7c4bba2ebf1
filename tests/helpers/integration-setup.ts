// Global setup of the `integration` project: the compiled CLI and the page shell (build/) brought
// up to date once, before any file runs, as `npm run build` does first. Files that start the CLI
// or build a deck then find them fresh, and none builds them while another reads them.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..')
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], {
    cwd: root,
    encoding: 'utf8',
  })
  if (r.status !== 0)
    throw new Error(`node scripts/build-cli.mjs --if-stale failed:\n${r.stdout}${r.stderr}`)
}
