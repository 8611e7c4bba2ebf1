// Load: a deck folder -> its Markdown files in file-name order, as checked UTF-8 text.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { diagnosticAt, diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import { normaliseNewlines, type SourceFile } from './source.ts'

const collator = new Intl.Collator('en', { numeric: true })

/** Path as printed in diagnostics: relative to the working directory, with `/`. */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const rel = relative(cwd, absPath)
  return (rel === '' ? '.' : rel).split(sep).join('/')
}

/** Reads every `*.md` file directly in `dir`, sorted `01-…`, `02-…`, `10-…` (numeric aware). */
export function loadDeckFiles(dir: string): { files: SourceFile[]; diagnostics: Diagnostic[] } {
  const absDir = resolve(dir)
  const diagnostics: Diagnostic[] = []
  const fail = (file: string, code: string, message: string): void => {
    diagnostics.push(diagnosticAtLine(file, 0, 0, { code, message }))
  }
  let names: string[]
  try {
    if (!statSync(absDir).isDirectory()) throw new Error('not a folder')
    names = readdirSync(absDir).filter(
      (n) =>
        n.endsWith('.md') &&
        !n.startsWith('.') &&
        statSync(join(absDir, n), { throwIfNoEntry: false })?.isFile() === true,
    )
  } catch {
    fail(displayPath(absDir), 'deck-missing', 'deck folder not found')
    return { files: [], diagnostics }
  }
  names.sort(collator.compare)
  if (names.length === 0)
    fail(displayPath(absDir), 'deck-empty', 'deck folder has no .md slide files')
  const files: SourceFile[] = []
  for (const name of names) {
    const absPath = join(absDir, name)
    const bytes = readFileSync(absPath)
    const bad = firstInvalidUtf8(bytes)
    if (bad >= 0) {
      // Line and column in characters of the text the other stages see (CR LF and BOM handled).
      const before = normaliseNewlines(new TextDecoder().decode(bytes.subarray(0, bad)))
      diagnostics.push(
        diagnosticAt({ file: displayPath(absPath), text: before }, before.length, {
          code: 'not-utf8',
          message: `file is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}); save it as UTF-8`,
        }),
      )
      // Kept, with U+FFFD for the bad bytes, so the deck's other files compile as usual (the
      // first file stays the one with the deck's front matter).
    }
    files.push({
      absPath,
      path: displayPath(absPath),
      text: normaliseNewlines(bytes.toString('utf8')),
    })
  }
  return { files, diagnostics }
}

/** Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return -1
  } catch {
    // Find where: decode growing prefixes by sequence boundaries.
  }
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0
    if (len === 0 || i + len > bytes.length) return i
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len))
    } catch {
      return i
    }
    i += len
  }
  return -1
}
