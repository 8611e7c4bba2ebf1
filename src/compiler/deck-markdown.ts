// The Markdown a deck's pre-passes (diagrams, charts) scan before the compile: every `.md` file
// under the given folders, read through the file-access policy (a FIFO or a link out of a folder
// is never read) and walked through real folders only, a few levels deep.
import { readdirSync, type Dirent } from 'node:fs'
import { join, resolve } from 'node:path'
import { readDeckFile, type Roots } from '../untrusted/index.ts'

/** How deep below each folder the walk goes. */
const MAX_DEPTH = 6

/** The deck folder and the shared slides next to it: where a deck's Markdown can come from. */
export function deckSourceDirs(deckDir: string): string[] {
  return [resolve(deckDir), resolve(deckDir, '..', '_shared')]
}

/** The text of every Markdown file under `dirs` (line ends as `\n`), in the order found. */
export function markdownTexts(dirs: string[]): string[] {
  const texts: string[] = []
  for (const dir of dirs) {
    const roots: Roots = { root: dir, dirs: [dir] }
    const walk = (at: string, depth: number): void => {
      let entries: Dirent[]
      try {
        entries = readdirSync(at, { withFileTypes: true })
      } catch {
        return
      }
      for (const entry of entries) {
        const name = entry.name
        if (name.startsWith('.') || name === 'node_modules') continue
        if (name.endsWith('.md')) {
          const file = readDeckFile(name, at, roots)
          if (!('code' in file)) texts.push(file.bytes.toString('utf8').replace(/\r\n?/g, '\n'))
          // Real folders only: a link to a folder (`root -> /`) is never walked.
        } else if (depth < MAX_DEPTH && entry.isDirectory() && !name.includes('.'))
          walk(join(at, name), depth + 1)
      }
    }
    walk(dir, 0)
  }
  return texts
}
