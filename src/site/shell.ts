// The page shell: index.html with the runtime's script, style and font files, built by Vite once
// and reused by every deck build (a build that starts instantly). A deck never adds
// code to its page (its scripts are build errors, and the CSP allows only the build's own), so
// the runtime does not depend on the deck: building a deck is compiling its Markdown and filling
// the shell's placeholders, as deck:html, deck:font-preload and deck:csp do in a Vite build
// (src/vite/), with the same functions, into the same page.
//
// The shell lives in build/shell/ (ignored, like the compiled CLI). `npm install` and `npm run
// build` prepare it (scripts/build-cli.mjs); a build finding it stale — a file Vite read for it
// changed since, or the lock file — builds it again first.
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { ASSETS_FOLDER } from '../untrusted/index.ts'
import type { CompileResult } from '../compiler/index.ts'
import { addCsp } from '../vite/csp.ts'
import { scriptText, subsetDeckFonts } from './font-subset.ts'
import { addFontPreloads } from '../vite/font-preload.ts'
import { injectDeck } from '../vite/html.ts'
import { ROOT } from './paths.ts'
import { createViteConfig } from './vite-config.ts'

/** Where the shell is built. */
export const SHELL_DIR = resolve(ROOT, 'build/shell')

/** The file naming what the shell was built from, inside the shell's folder. */
const MANIFEST = 'shell.json'

/** Files that decide the shell besides the modules Vite read (whose list the build records). */
const ALWAYS = [
  'index.html',
  'package-lock.json',
  'build/site/shell.js',
  'build/site/vite-config.js',
]

interface Input {
  file: string
  size: number
  mtimeMs: number
}

interface Manifest {
  /** The checkout the shell was built in: a shell copied from another checkout is stale. */
  root: string
  /** What the shell was built from, with each file's size and time then. */
  inputs: Input[]
}

function stamp(file: string): Input | undefined {
  try {
    const stat = statSync(file)
    return { file, size: stat.size, mtimeMs: stat.mtimeMs }
  } catch {
    return undefined
  }
}

/** True when the shell in `dir` was built from the files as they are now. */
export function shellIsFresh(dir = SHELL_DIR): boolean {
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(resolve(dir, MANIFEST), 'utf8')) as Manifest
  } catch {
    return false
  }
  if (manifest.root !== ROOT || !Array.isArray(manifest.inputs) || manifest.inputs.length === 0)
    return false
  if (!existsSync(resolve(dir, 'index.html'))) return false
  return manifest.inputs.every((input) => {
    const now = stamp(input.file)
    return now !== undefined && now.size === input.size && now.mtimeMs === input.mtimeMs
  })
}

/**
 * Builds the shell into `dir` with Vite (no deck: the placeholders stay) and records its inputs.
 * It is built beside `dir` and renamed into place, so a build running at the same time never
 * reads half a shell.
 */
export async function buildShell(dir = SHELL_DIR): Promise<void> {
  const partial = `${dir}.partial-${process.pid}`
  try {
    await buildShellInto(partial)
    rmSync(dir, { recursive: true, force: true })
    try {
      renameSync(partial, dir)
    } catch (err) {
      // Another build put its fresh shell there first: keep that one.
      if (!shellIsFresh(dir)) throw err
    }
  } finally {
    rmSync(partial, { recursive: true, force: true })
  }
}

async function buildShellInto(dir: string): Promise<void> {
  const { build } = await import('vite')
  const config = createViteConfig({ outDir: dir })
  const output = await build({
    ...config,
    // Only Vite's own HTML step: no deck to inject, no policy to hash yet.
    plugins: [],
    logLevel: 'warn',
  })
  const outputs = (Array.isArray(output) ? output : [output]) as {
    output?: { type: string; moduleIds?: string[] }[]
  }[]
  const modules = new Set<string>()
  for (const result of outputs)
    for (const item of result.output ?? [])
      for (const id of item.moduleIds ?? [])
        if (isAbsolute(id) && !id.includes('\0')) modules.add(id.split('?')[0]!)
  const inputs = [...ALWAYS.map((f) => resolve(ROOT, f)), ...modules]
    .map(stamp)
    .filter((input): input is Input => input !== undefined)
  writeFileSync(
    resolve(dir, MANIFEST),
    `${JSON.stringify({ root: ROOT, inputs } satisfies Manifest)}\n`,
  )
}

/** The shell's folder, built first if it is missing or stale. */
export async function ensureShell(dir = SHELL_DIR): Promise<string> {
  if (!shellIsFresh(dir)) {
    const started = performance.now()
    await buildShell(dir)
    console.error(
      `built the page shell (runtime, styles, fonts) into ${relative(ROOT, dir) || '.'}/ in ${Math.round(performance.now() - started)} ms`,
    )
  }
  return dir
}

/** The runtime's own labels, by shell folder (read once a process). */
const runtimeTexts = new Map<string, string>()
function runtimeText(shell: string): string {
  let text = runtimeTexts.get(shell)
  if (text === undefined) runtimeTexts.set(shell, (text = scriptText(shell)))
  return text
}

/**
 * The shell's files into a deck's folder: hard links (the shell's files are never written in
 * place: a build writes new files and removes old ones), copies where the two folders are on
 * different file systems.
 */
function linkTree(from: string, to: string, keep: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (!keep(entry.name)) continue
    const source = resolve(from, entry.name)
    const target = resolve(to, entry.name)
    if (entry.isDirectory()) linkTree(source, target, () => true)
    else
      try {
        linkSync(source, target)
      } catch {
        copyFileSync(source, target)
      }
  }
}

/** The files of a folder, as paths relative to it (`assets/index-….js`). */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesOf(resolve(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  )
}

/**
 * Writes one compiled deck's page into `outDir` (emptied first): the shell's files, the deck's
 * published files (deck-assets/) and index.html with the slides, the preloads and the policy.
 * A deck whose slides hold script throws the positioned DeckError the Vite build throws.
 */
export async function assembleDeck(
  outDir: string,
  compiled: CompileResult,
  shellDir = SHELL_DIR,
): Promise<void> {
  const shell = await ensureShell(shellDir)
  rmSync(outDir, { recursive: true, force: true })
  // index.html is written below, never linked: writing it would write the shell's.
  linkTree(shell, outDir, (name) => name !== MANIFEST && name !== 'index.html')
  // The fonts cut to what the page draws (font-subset.ts), then the preloads of the cut files.
  const { html: page } = await subsetDeckFonts(
    outDir,
    injectDeck(readFileSync(resolve(shell, 'index.html'), 'utf8'), compiled.deck),
    runtimeText(shell),
    { cacheDir: resolve(ROOT, 'node_modules/.cache/deck-fonts') },
  )
  const files = filesOf(outDir).filter((file) => file !== 'index.html')
  const html = addCsp(addFontPreloads(page, files))
  // Published names are `deck-assets/<safe stem>-<hash>.<ext>` (src/compiler/assets.ts); Vite's
  // emitFile refused any other, and so does this: nothing lands outside deck-assets/.
  const assetsDir = resolve(outDir, ASSETS_FOLDER)
  for (const asset of compiled.deck.assets)
    if (asset.fileName) {
      const path = resolve(outDir, asset.fileName)
      if (dirname(path) !== assetsDir)
        throw new Error(
          `refusing to publish ${JSON.stringify(asset.fileName)} outside ${ASSETS_FOLDER}/`,
        )
      mkdirSync(assetsDir, { recursive: true })
      writeFileSync(path, asset.bytes)
    }
  writeFileSync(resolve(outDir, 'index.html'), html)
}
