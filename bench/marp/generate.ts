// Bench's second baseline: the same deck built by Marp CLI (pinned in bench/marp/package.json,
// installed there with `npm ci`), its default bespoke HTML template, math typeset at build time by
// KaTeX (as ours) with KaTeX's fonts served next to the page (Marp's `katexFontPath`; by default
// it links them from a CDN, which the bench, offline, cannot reach). The slides come from
// the same conversion as the reveal.js baseline (bench/baseline/generate.ts), with Marp's
// spelling: notes become an HTML comment (Marp's presenter notes), reveal.js's element comments
// are dropped, and images are copied next to the page.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { deckMarkdown, toRevealMarkdown } from '../baseline/generate.ts'

const HERE = import.meta.dirname
const MARP = resolve(HERE, 'node_modules/@marp-team/marp-cli/marp-cli.js')
const KATEX_FONTS = resolve(HERE, '../../node_modules/katex/dist/fonts')
/** Marp's engine options: KaTeX, fonts from the page's folder. */
const CONFIG = `options:\n  math:\n    lib: katex\n    katexFontPath: ./katex-fonts/\n`

export interface MarpDeck {
  /** The folder holding deck.md and, once built, index.html. */
  dir: string
  slides: number
}

/** Whether Marp CLI is installed (`npm ci` in bench/marp). */
export function marpInstalled(): boolean {
  return existsSync(MARP)
}

/** One slide of ours -> Marp Markdown. */
export function toMarpMarkdown(body: string, image: (src: string) => string | undefined): string {
  const reveal = toRevealMarkdown(body, image).replace(/ ?<!-- \.element: [^>]*-->/g, '')
  const at = reveal.search(/\n\nNote:\n/)
  if (at < 0) return reveal
  const notes = reveal
    .slice(at)
    .replace(/^\n\nNote:\n/, '')
    .replace(/--/g, '‐‐')
  return `${reveal.slice(0, at)}\n\n<!--\n${notes}\n-->`
}

/** Writes `deck.md` for the deck in `deckDir` into `outDir` (emptied first). */
export function generateMarp(deckDir: string, outDir: string): MarpDeck {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const { title, slides } = deckMarkdown(deckDir, outDir, toMarpMarkdown)
  const front = `---\nmarp: true\ntitle: ${JSON.stringify(title)}\nsize: 16:9\n---\n\n`
  writeFileSync(resolve(outDir, 'deck.md'), front + slides.join('\n\n---\n\n') + '\n')
  writeFileSync(resolve(outDir, 'marp.config.yml'), CONFIG)
  cpSync(KATEX_FONTS, resolve(outDir, 'katex-fonts'), { recursive: true })
  return { dir: outDir, slides: slides.length }
}

/** Marp CLI's build of `deck.md` into `index.html`, in a fresh process, timed (ms of wall time). */
export function buildMarp(deck: MarpDeck): number {
  const started = performance.now()
  const run = spawnSync(
    process.execPath,
    [
      MARP,
      '--config-file',
      'marp.config.yml',
      '--html',
      '--allow-local-files',
      '--no-stdin',
      'deck.md',
      '-o',
      'index.html',
    ],
    {
      cwd: deck.dir,
      encoding: 'utf8',
      // Only its PDF and image output start a browser; name the system one so none is sought.
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    },
  )
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`marp failed on ${deck.dir}:\n${run.stderr}${run.stdout}`)
  return ms
}
