// The incremental compile's cache: what a file's compiled part was made from (its key) and when it
// may be reused. No stage logic lives here: a miss runs the pipeline's file stages.
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { hasErrors, type Diagnostic } from './diagnostics.ts'
import type { RenderedSlide } from './render.ts'
import { normaliseNewlines, type SourceFile } from './source.ts'

/** A file's compiled part: what the pipeline's file stages gave. */
export interface FilePart {
  /** In the order the stages pushed them. */
  diagnostics: Diagnostic[]
  /** The first file's front matter (deck metadata and macros). */
  frontMatter?: Partial<DeckMeta>
  /** The section in force after this file's front matter (it carries over to the next file). */
  sectionAfter: string | undefined
  rendered: { slide: RenderedSlide; section?: string }[]
  /** Absolute paths of the files its includes read. */
  included: string[]
}

interface Entry extends FilePart {
  key: string
  /** Included files read while expanding this file, with a hash of their text. */
  includes: { absPath: string; hash: string }[]
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('base64url')

function readHash(absPath: string): string | undefined {
  try {
    return sha1(normaliseNewlines(readFileSync(absPath, 'utf8')))
  } catch {
    return undefined
  }
}

/**
 * The deck-level inputs a file's rendering reads besides its own text: KaTeX macros in force
 * (undefined when a `\gdef` left values that are not plain strings: then nothing is cached).
 */
function macrosKey(macros: Record<string, unknown>): string | undefined {
  const entries = Object.entries(macros)
  return entries.every(([, v]) => typeof v === 'string') ? JSON.stringify(entries) : undefined
}

/**
 * Size and modification time of every file under `dirs` but Markdown files (which are inputs in
 * their own right): images and chart data a slide reads. Any change re-renders every file.
 */
export function externalFingerprint(dirs: string[]): string {
  const parts: string[] = []
  // Links are never followed into folders (a link to `.` or `/` would never end), and the walk
  // stops at a bound: a deck folder is not a file system.
  let budget = 20_000
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      )
    } catch {
      return
    }
    for (const entry of entries) {
      if (--budget < 0) return
      const name = entry.name
      if (name.startsWith('.') || name === 'node_modules') continue
      const path = join(dir, name)
      if (entry.isDirectory()) {
        if (depth < 8) walk(path, depth + 1)
        continue
      }
      if (name.endsWith('.md')) continue
      // A link to a file counts by what it points at (the policy decides whether it may be read).
      let stat: ReturnType<typeof statSync> | undefined
      try {
        stat = entry.isSymbolicLink() ? statSync(path) : lstatSync(path)
      } catch {
        parts.push(`${path}\0broken`)
        continue
      }
      if (stat.isFile()) parts.push(`${path}\0${stat.size}\0${stat.mtimeMs}`)
    }
  }
  for (const dir of dirs) walk(dir, 0)
  return sha1(parts.join('\n'))
}

/** What a file's key is made of besides its text. */
export interface KeyInputs {
  first: boolean
  section: string | undefined
  macros: Record<string, unknown>
  root: string
  assetsDir: string
  fingerprint: string
  inlineAssets: boolean
}

/** One deck's cache of compiled file parts, keyed by absolute path. */
export class FileCache {
  private readonly entries = new Map<string, Entry>()

  /** The key of `file` given the deck's state before it; undefined when it must not be cached. */
  key(file: SourceFile, inputs: KeyInputs): string | undefined {
    const macros = macrosKey(inputs.macros)
    if (macros === undefined) return undefined
    return JSON.stringify([
      file.absPath,
      file.path,
      sha1(file.text),
      inputs.first,
      inputs.section ?? null,
      macros,
      inputs.root,
      inputs.assetsDir,
      inputs.fingerprint,
      inputs.inlineAssets,
    ])
  }

  /** The part cached for `file` under `key`, if its included files are unchanged too. */
  get(file: SourceFile, key: string | undefined): FilePart | undefined {
    if (key === undefined) return undefined
    const hit = this.entries.get(file.absPath)
    if (!hit || hit.key !== key) return undefined
    return hit.includes.every((i) => readHash(i.absPath) === i.hash) ? hit : undefined
  }

  /**
   * Keeps `part` for reuse, unless it has errors or changed the macros later files see (a
   * `\gdef`: such a file is rendered every time).
   */
  set(file: SourceFile, key: string | undefined, part: FilePart, changedMacros: boolean): void {
    if (key === undefined || changedMacros || hasErrors(part.diagnostics)) {
      this.entries.delete(file.absPath)
      return
    }
    const includes = part.included.map((absPath) => ({ absPath, hash: readHash(absPath) ?? '' }))
    this.entries.set(file.absPath, { ...part, key, includes })
  }

  /** Forgets files no longer in the deck. */
  keepOnly(present: Set<string>): void {
    for (const path of [...this.entries.keys()]) if (!present.has(path)) this.entries.delete(path)
  }
}
