// Commands that write something per deck (`pdf`, `build:single`): which decks, and where to write.
import { statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { listDecks } from '../compiler/sessions.ts'
import { ROOT } from '../site/paths.ts'
import { reportFailure, shownPath } from './report.ts'

/**
 * The decks to process and each one's output folder: the deck given with `--slides`, else every
 * session; the folder given with `--out`, else next to the built deck, `dist/<slug>/`.
 */
export function eachDeck(
  slides: string | undefined,
  out: string | undefined,
): { slidesDir: string; outDir: string }[] {
  const decks = slides ? [resolve(slides)] : listDecks(resolve(ROOT, 'slides')).map((d) => d.dir)
  return decks.map((slidesDir) => ({
    slidesDir,
    outDir: resolve(out ?? resolve(ROOT, 'dist', basename(slidesDir))),
  }))
}

/**
 * A per-deck command's main: reads `--slides`, `--out`, `--help` and the command's own flags, runs
 * `write` for each deck, and prints `wrote <file> (<size> KB<, detail>) in <s> s` for each, or
 * `kept <file> (…)` for a file `write` found up to date.
 */
export async function runEachDeck<F extends string>(
  argv: string[],
  usage: string,
  flags: readonly F[],
  write: (
    deck: { slidesDir: string; outDir: string },
    values: Partial<Record<F, boolean>>,
  ) => Promise<{ file: string; detail: string; kept?: boolean }>,
): Promise<{ slides?: string; out?: string }> {
  const { values } = parseArgs({
    args: argv,
    options: {
      slides: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(flags.map((f) => [f, { type: 'boolean' as const }])),
    },
  })
  if (values.help) {
    console.log(usage)
    return values as { slides?: string; out?: string }
  }
  const own = values as Partial<Record<F, boolean>>
  for (const deck of eachDeck(
    values.slides as string | undefined,
    values.out as string | undefined,
  )) {
    const started = performance.now()
    const { file, detail, kept } = await write(deck, own)
    const kb = Math.round(statSync(file).size / 1024)
    const s = ((performance.now() - started) / 1000).toFixed(1)
    if (kept)
      console.log(
        `kept ${shownPath(file)} (${detail}${detail ? ', ' : ''}${kb} KB): its slides and the tool are unchanged since it was printed`,
      )
    else console.log(`wrote ${shownPath(file)} (${detail}${detail ? ', ' : ''}${kb} KB) in ${s} s`)
  }
  return values as { slides?: string; out?: string }
}

/**
 * Runs a command's `main` when its module is the one Node started (`node build/cli/pdf.js`), with
 * the exit code it returns; a failure prints as one escaped message (and the usage when asked).
 */
export function runAsMain(
  moduleUrl: string,
  main: (argv: string[]) => Promise<number>,
  usage: string,
  usageFor: (err: unknown) => boolean = () => true,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      reportFailure(err)
      if (usageFor(err)) console.error(usage)
      process.exit(1)
    },
  )
}
