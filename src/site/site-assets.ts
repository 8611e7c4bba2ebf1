// The home page's own files in the built site: its stylesheet, with the font files it names
// (self-hosted Inter from node_modules) copied beside it into fonts/ and its URLs rewritten there.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, resolve } from 'node:path'

const require = createRequire(import.meta.url)

/** The folder of the site the home page's fonts are copied into. */
export const FONTS_FOLDER = 'fonts'

/** `url('../../node_modules/<package file>')` in home.css: a file of an installed package. */
const RE_PACKAGE_URL = /url\((['"]?)(?:\.\.\/)+node_modules\/([^'")]+)\1\)/g

/** The stylesheet as the built site serves it, and the package files its URLs now name. */
export function siteStylesheet(css: string): { css: string; files: string[] } {
  const files: string[] = []
  const out = css.replace(RE_PACKAGE_URL, (_m, _q: string, file: string) => {
    files.push(file)
    return `url('./${FONTS_FOLDER}/${basename(file)}')`
  })
  return { css: out, files }
}

/**
 * Writes `home.css` and its fonts into the site folder `dir`.
 * @returns the fonts' URLs relative to the home page, the Latin one first (for preloading)
 */
export function writeHomeAssets(dir: string): string[] {
  const source = readFileSync(resolve(import.meta.dirname, 'home.css'), 'utf8')
  const { css, files } = siteStylesheet(source)
  mkdirSync(resolve(dir, FONTS_FOLDER), { recursive: true })
  for (const file of files)
    copyFileSync(require.resolve(file), resolve(dir, FONTS_FOLDER, basename(file)))
  writeFileSync(resolve(dir, 'home.css'), css)
  return files
    .map((file) => `./${FONTS_FOLDER}/${basename(file)}`)
    .sort((a, b) => Number(a.includes('-ext-')) - Number(b.includes('-ext-')))
}
