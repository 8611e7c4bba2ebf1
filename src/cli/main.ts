// The command line: `build` and `check` a deck folder, printing `path:line:column: error: message`.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'vite'
import { formatDiagnostic, hasErrors } from '../compiler/diagnostics.ts'
import { compileDeck, type CompileResult } from '../compiler/index.ts'
import { displayPath } from '../compiler/load.ts'
import { ROOT, createViteConfig, defaultDeck } from '../vite/config.ts'

const USAGE = `usage:
  npm run build -- [--slides <deck-dir>] [--out <dir>]   build a deck into <dir>/index.html (default dist/)
  npm run check -- [--slides <deck-dir>]                 validate a deck without writing anything`

/** A failure we explain in one line; anything else is a bug and still prints without a stack. */
class UsageError extends Error {}

function report(result: CompileResult): boolean {
  for (const d of result.diagnostics) {
    console.error(formatDiagnostic(d))
    if (d.hint) console.error(`  hint: ${d.hint}`)
  }
  return !hasErrors(result.diagnostics)
}

function summary(result: CompileResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.length - errors
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
}

async function buildDeck(slidesDir: string, outArg: string | undefined): Promise<number> {
  const started = performance.now()
  const result = compileDeck(slidesDir, { root: ROOT })
  if (!report(result)) {
    console.error(`build failed (${summary(result)}); nothing was written`)
    return 1
  }
  const out = resolve(outArg ?? resolve(ROOT, 'dist'))
  // Build next to the target, then swap: a failed build never leaves a half-written folder.
  const partial = resolve(dirname(out), `.${out.split(/[\\/]/).pop()}.partial-${process.pid}`)
  const old = resolve(dirname(out), `.${out.split(/[\\/]/).pop()}.old-${process.pid}`)
  try {
    await build({
      ...createViteConfig({ slidesDir, outDir: partial, compiled: result }),
      logLevel: 'warn',
    })
    if (existsSync(out)) renameSync(out, old)
    renameSync(partial, out)
    rmSync(old, { recursive: true, force: true })
  } catch (err) {
    rmSync(partial, { recursive: true, force: true })
    if (!existsSync(out) && existsSync(old)) renameSync(old, out)
    throw err
  }
  const ms = Math.round(performance.now() - started)
  console.log(
    `built ${result.deck.slides.length} slides into ${displayPath(out)}/ in ${ms} ms (${summary(result)})`,
  )
  return 0
}

function checkDeck(slidesDir: string): number {
  const result = compileDeck(slidesDir, { root: ROOT })
  const ok = report(result)
  const line = `${displayPath(slidesDir)}: ${result.deck.slides.length} slides, ${summary(result)}`
  if (ok) console.log(line)
  else console.error(line)
  return ok ? 0 : 1
}

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        slides: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const [command] = parsed.positionals
  if (parsed.values.help) {
    console.log(USAGE)
    return 0
  }
  const slidesDir = resolve(parsed.values.slides ?? defaultDeck())
  if (command === 'build') return buildDeck(slidesDir, parsed.values.out)
  if (command === 'check') {
    if (parsed.values.out) throw new UsageError('check writes nothing; --out is for build')
    return checkDeck(slidesDir)
  }
  throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err)
    console.error(`error: ${message.split('\n').slice(0, 8).join('\n')}`)
    if (err instanceof UsageError) console.error(USAGE)
    process.exit(1)
  },
)
