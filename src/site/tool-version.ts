// The tool's version, as the caches of per-session output see it: a hash of the tool's own code
// (every file under src/, which the CLI in build/ and the page shell are made from), the page
// template and the lock file (every package's version). Any change to them makes every cached
// session, PDF and preview image out of date.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { ROOT } from './paths.ts'

/** The files and folders the tool is made of, relative to the project root. */
export const TOOL_FILES = ['src', 'index.html', 'package-lock.json']

/** Every file under `path` (or `path` itself), sorted, as absolute paths. */
function filesUnder(path: string): string[] {
  let entries
  try {
    entries = readdirSync(path, { withFileTypes: true })
  } catch {
    return [path]
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(join(path, e.name)) : e.isFile() ? [join(path, e.name)] : [],
    )
}

/** The hash of the tool's files under `root` (each file's path and bytes; a missing one counts). */
export function hashTool(root: string, files: readonly string[] = TOOL_FILES): string {
  const hash = createHash('sha256')
  for (const top of files)
    for (const file of filesUnder(resolve(root, top))) {
      hash.update(relative(root, file)).update('\0')
      try {
        hash.update(readFileSync(file))
      } catch {
        hash.update('\0missing')
      }
      hash.update('\0')
    }
  return hash.digest('hex')
}

let memo: string | undefined

/** The tool's version in this checkout, computed once per process. */
export function toolVersion(): string {
  memo ??= hashTool(ROOT)
  return memo
}
