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
const FORMAT = 1

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

interface Entry extends SessionPayload {
  format: number
  key: string
  /** sha256 of the payload's JSON: a damaged entry whose key still matches is a miss too. */
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

const payloadSum = (payload: SessionPayload): string =>
  sha256(JSON.stringify([payload.result, payload.search, payload.output ?? null]))

function isEntry(value: unknown): value is Entry {
  const e = value as Entry
  return (
    typeof e === 'object' &&
    e !== null &&
    e.format === FORMAT &&
    typeof e.key === 'string' &&
    typeof e.sum === 'string' &&
    Array.isArray(e.inputs) &&
    e.inputs.every((i) => typeof i?.path === 'string' && typeof i.state === 'string') &&
    typeof e.result === 'object' &&
    e.result !== null &&
    Array.isArray(e.result.deck?.slides) &&
    Array.isArray(e.result.diagnostics) &&
    Array.isArray(e.search)
  )
}

/**
 * The cached compile of the session in `dir`, if an entry exists whose key matches the files as
 * they are now; `undefined` for a miss (no entry, another key, or a damaged entry).
 */
export function lookupSession(dir: string, root = ROOT): SessionPayload | undefined {
  let entry: unknown
  try {
    entry = JSON.parse(readFileSync(sessionEntryFile(dir, root), 'utf8'))
  } catch {
    return undefined
  }
  if (!isEntry(entry)) return undefined
  const now = entry.inputs.map((i) => ({ path: i.path, state: inputState(i.path) }))
  if (sessionKey(dir, now) !== entry.key) return undefined
  const payload = { result: entry.result, search: entry.search, output: entry.output }
  if (payloadSum(payload) !== entry.sum) return undefined
  // The assets' bytes were left out when stored (see storable): typed again, still empty.
  for (const asset of entry.result.deck.assets) asset.bytes = new Uint8Array(0)
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
  const payload: SessionPayload = { result: storable(compiled.result), ...rest }
  const entry: Entry = {
    format: FORMAT,
    key: sessionKey(dir, compiled.inputs),
    sum: payloadSum(JSON.parse(JSON.stringify(payload)) as SessionPayload),
    inputs: compiled.inputs,
    ...payload,
  }
  const file = sessionEntryFile(dir, root)
  mkdirSync(sessionCacheDir(root), { recursive: true })
  const partial = `${file}.${process.pid}.partial`
  try {
    writeFileSync(partial, JSON.stringify(entry))
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
