// The one Vite configuration, shared by vite.config.ts (dev, preview) and the build CLI.
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { InlineConfig } from 'vite'
import type { CompileResult } from '../compiler/index.ts'
import { deckPlugin } from './plugin.ts'

/** The project root: where index.html, slides/ and assets/ live. */
export const ROOT = resolve(import.meta.dirname, '../..')

/** The deck `npm start` and `npm run build` use without `--slides`: the newest session folder. */
export function defaultDeck(root = ROOT): string {
  const sessions = readdirSync(resolve(root, 'slides'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}-\d{2}-\d{2}/.test(d.name))
    .map((d) => d.name)
    .sort()
  const newest = sessions.at(-1)
  if (!newest) throw new Error('no session folder in slides/ (expected slides/YYYY-MM-DD-slug/)')
  return resolve(root, 'slides', newest)
}

export interface DeckViteOptions {
  /** One deck (build, tests); without it the dev server serves every session in slides/. */
  slidesDir?: string
  outDir?: string
  compiled?: CompileResult
}

export function createViteConfig(options: DeckViteOptions): InlineConfig {
  return {
    configFile: false,
    root: ROOT,
    // Relative asset URLs: the site works under any sub-path (e.g. a GitHub Pages project site).
    base: './',
    publicDir: false,
    plugins: [
      deckPlugin({
        slidesDir: options.slidesDir,
        slidesRoot: options.slidesDir ? undefined : resolve(ROOT, 'slides'),
        root: ROOT,
        compiled: options.compiled,
      }),
    ],
    build: {
      outDir: options.outDir ?? resolve(ROOT, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      // Timing warnings are noise on a busy 2-core CI machine, not something a contributor can act on.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    server: { watch: { ignored: ['**/dist/**', '**/.tmp/**'] } },
  }
}
