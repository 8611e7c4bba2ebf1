// `npm run build:single`: a deck as one self-contained HTML file (JS, CSS, KaTeX and Inter fonts,
// images all inlined) that works opened from file:// with the network off.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import type { InlineConfig, Plugin, PluginOption } from 'vite'
import { viteSingleFile } from 'vite-plugin-singlefile'
import { report } from './report.ts'
import { compile } from '../compiler/index.ts'
import { ROOT } from '../site/paths.ts'
import { viteBuildDeck } from '../site/build.ts'
import { runAsMain, runEachDeck } from './each-deck.ts'

const USAGE = `usage: npm run build:single -- [--slides <deck-dir>] [--out <dir>]
  writes <dir>/<slug>.html, one file that works offline from file://; without --slides, every session
  <slug> is the deck folder's name; <dir> defaults to dist/<slug>/, next to the built deck`

/**
 * Every browser we support reads woff2, so a font's woff and ttf fallbacks (KaTeX ships all
 * three) would only triple the file: drop them from `@font-face` before Vite inlines the URLs.
 */
export function woff2Only(): Plugin {
  return {
    name: 'single:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css($|\?)/.test(id) || !code.includes('@font-face')) return undefined
      const out = code.replace(
        /,\s*url\(\s*["']?[^)"']+\.(?:woff|ttf)["']?\s*\)\s*format\(\s*["'](?:woff|truetype)["']\s*\)/g,
        '',
      )
      return out === code ? undefined : { code: out, map: null }
    },
  }
}

/** The page's icons as data: URLs (Vite leaves `<link rel="icon">` as a separate file). */
export function inlineFavicon(): Plugin {
  return {
    name: 'single:inline-favicon',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return html.replace(
          /<link rel="(icon|apple-touch-icon)" href="\/assets\/([^"]+\.png)"/g,
          (_all, rel: string, name: string) => {
            const png = readFileSync(resolve(ROOT, 'assets', name)).toString('base64')
            return `<link rel="${rel}" href="data:image/png;base64,${png}"`
          },
        )
      },
    },
  }
}

function lastOnBundle(plugin: Plugin): boolean {
  const hook = plugin.generateBundle
  return typeof hook === 'object' && hook !== null && 'order' in hook && hook.order === 'post'
}

/**
 * The deck's plugins plus inlining. Plugins that rewrite the finished page (`generateBundle`
 * with `order: 'post'`, e.g. a CSP that hashes inline scripts) must see the inlined scripts, so
 * they move after vite-plugin-singlefile (which is itself a late, `enforce: 'post'` plugin).
 */
export function singleFilePlugins(plugins: InlineConfig['plugins']): PluginOption[] {
  const all = (plugins ?? []).flat(Infinity as 1) as Plugin[]
  const late = all.filter((p) => p && typeof p === 'object' && lastOnBundle(p))
  return [
    ...all.filter((p) => !late.includes(p)),
    inlineFavicon(),
    woff2Only(),
    viteSingleFile({ removeViteModuleLoader: true }),
    ...late.map((p) => ({ ...p, enforce: 'post' as const })),
  ]
}

/** Builds the deck inlined into one HTML file; returns its path. */
export async function writeSingleFile(slidesDir: string, outDir: string): Promise<string> {
  const dir = resolve(slidesDir)
  // Every file a slide loads is inlined too: the one file works offline, from file://.
  const result = await compile(dir, { root: ROOT, inlineAssets: true })
  if (!report(result.diagnostics)) throw new Error('the deck has errors; nothing was written')
  const tmp = mkdtempSync(join(tmpdir(), 'deck-single-'))
  const file = resolve(outDir, `${basename(dir)}.html`)
  try {
    await viteBuildDeck(dir, tmp, result, singleFilePlugins)
    mkdirSync(outDir, { recursive: true })
    copyFileSync(resolve(tmp, 'index.html'), file)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  return file
}

async function main(argv: string[]): Promise<number> {
  await runEachDeck(argv, USAGE, [] as const, async ({ slidesDir, outDir }) => ({
    file: await writeSingleFile(slidesDir, outDir),
    detail: 'one self-contained file',
  }))
  return 0
}

runAsMain(import.meta.url, main, USAGE)
