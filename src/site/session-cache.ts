// The site build's cache of sessions: what a session compiled to (its slides, metadata, warnings
// and search documents) and which folder of the built site it wrote, kept in
// `node_modules/.cache/deck-sessions/`, one entry per session folder. An entry is keyed by
// everything the compile read: the tool's version (tool-version.ts), the session folder's file
// names, and every path the deck's file access looked at (src/untrusted/paths.ts records them:
// its Markdown, includes, images, chart data, bibliography), each with a hash of its bytes or
// its absence. A build after an edit of one slide of one session compiles and writes only that
// session; every other one keeps its folder of the previous build (moved, never copied).
//
// An entry is used only when the key recomputed from the files as they are now equals the one
// it was stored under, and its content's checksum holds; anything else (a missing, truncated,
// corrupt or foreign entry) is a miss, and the session is compiled again. Deleting the folder is
// always safe.
import { createHash } from 'node:crypto'
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import type { CompileResult } from '../compiler/index.ts'
import { recordDeckReads } from '../untrusted/index.ts'
import { ROOT } from './paths.ts'
import type { SearchDoc } from './search-shared.ts'
import { toolVersion } from './tool-version.ts'

/** Changes when an entry's layout changes: every entry is then a miss. */
const FORMAT = 2

/** Where the entries live. */
export const sessionCacheDir = (root = ROOT): string =>
  resolve(root, 'node_modules/.cache/deck-sessions')

/** A path the compile looked at, and what it was: a hash of its bytes, `dir` or `missing`. */
export interface SessionInput {
  path: string
  state: string
}

/** The built folder of a session as the build left it: its files' sizes and times, PDFs aside. */
export interface SessionOutput {
  /** The site's address the pages' card tags were written with (`''` when none). */
  base: string
  files: [path: string, size: number, mtimeMs: number][]
}

/** What an entry holds besides its key. */
export interface SessionPayload {
  /** The compile's result; its assets without their bytes (they are in the built folder). */
  result: CompileResult
  search: SearchDoc[]
  output?: SessionOutput
}

/**
 * An entry's first line: what it is keyed by. The payload (a {@link SessionPayload}'s JSON)
 * follows on the second line, so that a miss never parses it and a hit checks its bytes first.
 */
interface Header {
  format: number
  key: string
  /** sha256 of the payload's text: a damaged entry whose key still matches is a miss too. */
  sum: string
  inputs: SessionInput[]
}

const sha256 = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex')

/** What a path is now: the hash of its bytes, `dir`, or `missing`. */
export function inputState(path: string): string {
  try {
    if (statSync(path).isDirectory()) return 'dir'
    return sha256(readFileSync(path))
  } catch {
    return 'missing'
  }
}

/** The names in the session folder (the compile reads every `*.md` file there). */
function listing(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

/**
 * The key of a session compiled from `inputs`: the format, the tool's version, where it was
 * compiled (its folder, the project root, the working directory its diagnostics are relative
 * to), the folder's names and every input's state.
 */
export function sessionKey(dir: string, inputs: SessionInput[], tool = toolVersion()): string {
  return sha256(
    JSON.stringify([
      FORMAT,
      tool,
      dir,
      ROOT,
      process.cwd(),
      listing(dir),
      inputs.map((i) => [i.path, i.state]),
    ]),
  )
}

/** The file of the entry of the session in `dir`. */
export const sessionEntryFile = (dir: string, root = ROOT): string =>
  join(sessionCacheDir(root), `${sha256(dir).slice(0, 32)}.json`)

function isHeader(value: unknown): value is Header {
  const h = value as Header
  return (
    typeof h === 'object' &&
    h !== null &&
    h.format === FORMAT &&
    typeof h.key === 'string' &&
    typeof h.sum === 'string' &&
    Array.isArray(h.inputs) &&
    h.inputs.every((i) => typeof i?.path === 'string' && typeof i.state === 'string')
  )
}

function isPayload(value: unknown): value is SessionPayload {
  const p = value as SessionPayload
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.result === 'object' &&
    p.result !== null &&
    Array.isArray(p.result.deck?.slides) &&
    Array.isArray(p.result.deck.assets) &&
    Array.isArray(p.result.diagnostics) &&
    Array.isArray(p.search)
  )
}

/**
 * The cached compile of the session in `dir`, if an entry exists whose key matches the files as
 * they are now; `undefined` for a miss (no entry, another key, or a damaged entry).
 */
export function lookupSession(dir: string, root = ROOT): SessionPayload | undefined {
  let text: string
  try {
    text = readFileSync(sessionEntryFile(dir, root), 'utf8')
  } catch {
    return undefined
  }
  const newline = text.indexOf('\n')
  if (newline < 0) return undefined
  let header: unknown
  try {
    header = JSON.parse(text.slice(0, newline))
  } catch {
    return undefined
  }
  if (!isHeader(header)) return undefined
  const now = header.inputs.map((i) => ({ path: i.path, state: inputState(i.path) }))
  if (sessionKey(dir, now) !== header.key) return undefined
  const body = text.slice(newline + 1)
  if (sha256(body) !== header.sum) return undefined
  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    return undefined
  }
  if (!isPayload(payload)) return undefined
  // The assets' bytes were left out when stored (see storable): typed again, still empty.
  for (const asset of payload.result.deck.assets) asset.bytes = new Uint8Array(0)
  return payload
}

/** A compile whose inputs were recorded, ready to be stored with {@link storeSession}. */
export interface RecordedCompile {
  result: CompileResult
  inputs: SessionInput[]
}

/**
 * Runs `compile` recording every path the deck's file access looks at, and hashes each as it is
 * right after: an edit during the compile makes the key miss the next time, never hit stale.
 */
export async function recordCompile(
  compile: () => Promise<CompileResult>,
): Promise<RecordedCompile> {
  const { value, paths } = await recordDeckReads(compile)
  return { result: value, inputs: paths.map((path) => ({ path, state: inputState(path) })) }
}

/** The result as stored: the assets' bytes are left out (they are files of the built folder). */
function storable(result: CompileResult): CompileResult {
  return {
    ...result,
    deck: {
      ...result.deck,
      assets: result.deck.assets.map((a) => ({ ...a, bytes: new Uint8Array(0) })),
    },
  }
}

/** Stores the entry of the session in `dir` (written beside and renamed: never half an entry). */
export function storeSession(
  dir: string,
  compiled: RecordedCompile,
  rest: { search: SearchDoc[]; output?: SessionOutput },
  root = ROOT,
): void {
  const body = JSON.stringify({
    result: storable(compiled.result),
    ...rest,
  } satisfies SessionPayload)
  const header: Header = {
    format: FORMAT,
    key: sessionKey(dir, compiled.inputs),
    sum: sha256(body),
    inputs: compiled.inputs,
  }
  const file = sessionEntryFile(dir, root)
  mkdirSync(sessionCacheDir(root), { recursive: true })
  const partial = `${file}.${process.pid}.partial`
  try {
    writeFileSync(partial, `${JSON.stringify(header)}\n${body}`)
    renameSync(partial, file)
  } catch {
    // A cache that cannot be written costs the next build a compile, nothing else.
    rmSync(partial, { force: true })
  }
}

/** PDFs and their stamps: `npm run pdf` adds them to a built folder after the build. */
const RE_PRINTED = /\.pdf(?:\.source)?$/

/** The files of the built folder `dir`, PDFs aside, with their sizes and times. */
export function outputFiles(dir: string): SessionOutput['files'] {
  const files: SessionOutput['files'] = []
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (!RE_PRINTED.test(entry.name)) {
        const stat = statSync(path)
        files.push([relative(dir, path).split(sep).join('/'), stat.size, stat.mtimeMs])
      }
    }
  }
  walk(dir)
  return files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** Whether the built folder `dir` is still what the entry says the build left there. */
export function outputMatches(
  output: SessionOutput | undefined,
  dir: string,
  base: string | undefined,
): boolean {
  if (!output || output.base !== (base ?? '')) return false
  let now: SessionOutput['files']
  try {
    now = outputFiles(dir)
  } catch {
    return false
  }
  return JSON.stringify(now) === JSON.stringify(output.files)
}
