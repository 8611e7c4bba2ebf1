// Compiles the CLI ahead into build/ (tsconfig.build.json) and copies the files it reads next to
// its own modules, then prepares the page shell (build/shell/: the runtime built by Vite once for
// every deck, src/site/shell.ts). `--if-stale`: each only when its sources changed since, so that
// `npm run build` after an edit never runs old code and costs a few milliseconds otherwise.
// scripts/cli.mjs (`npm run build`, `npm run check`) imports `cliIsFresh` and `compileCli`.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SRC = join(ROOT, 'src')
const OUT = join(ROOT, 'build')
const STAMP = join(OUT, '.compiled')
/** Files the build-side code reads relative to its own module (import.meta.dirname). */
const ASSETS = ['site/home.css', 'site/template']
/** Folders the CLI never loads (browser code, CSS). */
const SKIP = new Set(['runtime', 'theme'])

/** The newest modification time under `dir` (ms). */
function newest(dir, top = true) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && SKIP.has(entry.name)) continue
    const path = join(dir, entry.name)
    const time = entry.isDirectory() ? newest(path, false) : statSync(path).mtimeMs
    if (time > latest) latest = time
  }
  return latest
}

const inputs = () =>
  Math.max(
    newest(SRC),
    ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(ROOT, f)).mtimeMs),
  )

/** The shell: rebuilt when a file Vite read for it changed (its own check). */
async function prepareShell() {
  const { ensureShell } = await import(pathToFileURL(join(OUT, 'site/shell.js')).href)
  await ensureShell()
}

/** True when build/ was compiled from the sources as they are now. */
export function cliIsFresh() {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= inputs()
}

/** Compiles the CLI into build/ (tsc) and copies the files it reads; exits the process on failure. */
export function compileCli() {
  const started = performance.now()
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
    { cwd: ROOT, stdio: 'inherit' },
  )
  if (tsc.status !== 0) {
    console.error('error: compiling the CLI (tsc -p tsconfig.build.json) failed')
    process.exit(tsc.status ?? 1)
  }
  for (const asset of ASSETS) cpSync(join(SRC, asset), join(OUT, asset), { recursive: true })
  writeFileSync(STAMP, `${new Date().toISOString()}\n`)
  console.error(`compiled the CLI into build/ in ${Math.round(performance.now() - started)} ms`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv.includes('--if-stale') || !cliIsFresh()) compileCli()
  await prepareShell()
}
