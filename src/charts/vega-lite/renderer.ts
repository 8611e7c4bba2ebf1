// What a cache of drawn charts keys on besides the spec and its data: this renderer's version, the
// SVG sanitiser's, and Vega's and Vega-Lite's. A light module (it reads two package.json files and
// loads neither library), so a compile can look a chart up in the cache without loading Vega.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { SVG_SANITIZER } from '../../untrusted/index.ts'

const require = createRequire(import.meta.url)

/** A package's version, from the package.json above its entry point (not in its exports). */
function versionOf(name: string): string {
  let dir = dirname(require.resolve(name))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version
}

export const VEGA_LITE_RENDERER = `deck-vega-lite-7/${SVG_SANITIZER}/vega-${versionOf('vega')}/vega-lite-${versionOf('vega-lite')}`
