// The one Vite configuration, shared by vite.config.ts (dev, preview) and the build CLI.
import { resolve } from 'node:path'
import type { InlineConfig } from 'vite'
import type { CompileResult } from '../compiler/index.ts'
import { fontPreloadPlugin } from '../vite/font-preload.ts'
import { deckPlugin } from '../vite/plugin.ts'
import { renderDevHome } from './dev-home.ts'
import { ROOT } from './paths.ts'

/** The packages the browser runtime imports (src/runtime/): Vite pre-bundles them for dev. */
export const RUNTIME_PACKAGES = ['reveal.js', 'reveal.js/plugin/search', 'reveal.js/plugin/zoom']

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
        homePage: renderDevHome,
      }),
      fontPreloadPlugin(),
    ],
    build: {
      outDir: options.outDir ?? resolve(ROOT, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      // Timing warnings are noise on a busy 2-core CI machine, not something a contributor can act on.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    server: {
      watch: { ignored: ['**/dist/**', '**/.tmp/**'] },
      // Dev: the page's entry and the styles it imports (what slide 1 is painted with) are
      // transformed while the server starts, not when the first page asks for them.
      warmup: { clientFiles: ['./src/runtime/main.ts'] },
    },
    // Dev: what the browser imports of node_modules (reveal.js and its plugins) is pre-bundled
    // while the server starts, without a scan of the project's HTML for it (every .html under the
    // root: 1.7 s of a first start on a busy machine). A package added to the runtime and not to
    // the list is still found when a page imports it (Vite then bundles it and reloads the page).
    optimizeDeps: { include: RUNTIME_PACKAGES, entries: [] },
  }
}
