// Load: a deck folder -> its Markdown files in file-name order, as checked UTF-8 text.
import { readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { diagnosticAt, diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import {
  BUDGETS,
  deckRoots,
  lineOverBudget,
  overlongLine,
  readDeckFile,
  type Refusal,
  type Roots,
} from '../untrusted/index.ts'
import { normaliseNewlines, type SourceFile } from './source.ts'

const collator = new Intl.Collator('en', { numeric: true })

/** Path as printed in diagnostics: relative to the working directory, with `/`. */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const rel = relative(cwd, absPath)
  return (rel === '' ? '.' : rel).split(sep).join('/')
}

/**
 * A Markdown file read through the file-access policy: its text, the first bad byte if any, and
 * its first line over the line budget if any.
 */
export type ReadSource =
  | {
      file: SourceFile
      invalidAt?: { byte: number; offset: number }
      longLine?: { line: number; length: number }
    }
  | Refusal

/**
 * Reads the Markdown file `ref` (relative to `fromDir`) if the policy allows it: it must resolve,
 * after symlinks, inside `roots`. Invalid UTF-8 is kept (as U+FFFD) with the place of its first
 * bad byte, in characters of the normalised text.
 */
export function readSourceFile(ref: string, fromDir: string, roots: Roots): ReadSource {
  const read = readDeckFile(ref, fromDir, roots)
  if ('code' in read) return read
  const bytes = read.bytes
  const absPath = resolve(fromDir, ref)
  const file = {
    absPath,
    path: displayPath(absPath),
    text: normaliseNewlines(bytes.toString('utf8')),
  }
  const longLine = overlongLine(file.text)
  const bad = firstInvalidUtf8(bytes)
  if (bad < 0) return { file, longLine }
  const before = normaliseNewlines(new TextDecoder().decode(bytes.subarray(0, bad)))
  return { file, invalidAt: { byte: bytes[bad]!, offset: before.length }, longLine }
}

/** The most Markdown files a deck folder may hold. */
export const MAX_DECK_FILES = 500

/**
 * Reads every `*.md` file directly in `dir`, sorted `01-…`, `02-…`, `10-…` (numeric aware). A file
 * that is a link out of the deck's folders, a link loop or unreadable is a positioned error.
 */
export function loadDeckFiles(
  dir: string,
  roots: Roots = deckRoots(process.cwd(), resolve(dir), resolve(dir)),
): { files: SourceFile[]; diagnostics: Diagnostic[] } {
  const absDir = resolve(dir)
  const diagnostics: Diagnostic[] = []
  const fail = (file: string, code: string, message: string): void => {
    diagnostics.push(diagnosticAtLine(file, 0, 0, { code, message }))
  }
  let names: string[]
  try {
    if (!statSync(absDir).isDirectory()) throw new Error('not a folder')
    names = readdirSync(absDir, { withFileTypes: true })
      .filter((d) => d.name.endsWith('.md') && !d.name.startsWith('.') && !d.isDirectory())
      .map((d) => d.name)
  } catch {
    fail(displayPath(absDir), 'deck-missing', 'deck folder not found')
    return { files: [], diagnostics }
  }
  names.sort(collator.compare)
  if (names.length === 0)
    fail(displayPath(absDir), 'deck-empty', 'deck folder has no .md slide files')
  if (names.length > MAX_DECK_FILES) {
    fail(
      displayPath(absDir),
      'deck-too-large',
      `deck folder has ${names.length} .md files; at most ${MAX_DECK_FILES}`,
    )
    return { files: [], diagnostics }
  }
  const files: SourceFile[] = []
  for (const name of names) {
    const read = readSourceFile(name, absDir, roots)
    const path = displayPath(join(absDir, name))
    if ('code' in read) {
      // A name that is a folder behind a link is no slide file; anything else is reported.
      if (read.code !== 'missing-file') fail(path, read.code, read.message)
      continue
    }
    if (read.invalidAt)
      // Kept, with U+FFFD for the bad bytes, so the deck's other files compile as usual (the
      // first file stays the one with the deck's front matter).
      diagnostics.push(
        diagnosticAt({ file: read.file.path, text: read.file.text }, read.invalidAt.offset, {
          code: 'not-utf8',
          message: `file is not valid UTF-8 (byte 0x${read.invalidAt.byte.toString(16).padStart(2, '0')}); save it as UTF-8`,
        }),
      )
    if (read.longLine)
      diagnostics.push(
        diagnosticAtLine(
          read.file.path,
          read.longLine.line,
          BUDGETS.lineChars,
          lineOverBudget(read.longLine.length),
        ),
      )
    files.push(read.file)
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
