// File access: the one way a deck's files are read. Every path a deck names (its Markdown files,
// includes, images, CSS `url()`, CSL styles, bibliographies, chart data) is resolved after
// following symlinks and must land inside the deck's roots (its own folder, slides/_shared/,
// assets/); the file is opened without blocking and must be a regular file under a size bound,
// so a link out, `../`, an absolute path, a FIFO or a device is a refusal, never a read or a hang.
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs'
import { AsyncLocalStorage } from 'node:async_hooks'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { Refusal } from './refusal.ts'

/**
 * The paths looked at by {@link readDeckFile} while a {@link recordDeckReads} call runs (in its
 * asynchronous continuations too): every candidate a reference was looked up at, found or not,
 * so that a later change of any of them (a file edited, added where it was missing, or removed)
 * can be told from what was read then.
 */
const readLog = new AsyncLocalStorage<Set<string>>()

/**
 * Runs `run` and gives back its value and every path {@link readDeckFile} looked at meanwhile
 * (absolute, as looked up, in the order first looked at). Calls nested in `run` record into
 * their own set and into this one.
 */
export async function recordDeckReads<T>(
  run: () => Promise<T> | T,
): Promise<{ value: T; paths: string[] }> {
  const outer = readLog.getStore()
  const paths = new Set<string>()
  const value = await readLog.run(paths, run)
  if (outer) for (const path of paths) outer.add(path)
  return { value, paths: [...paths] }
}

/** Where a deck may read from: absolute, real (symlink-free) paths. */
export interface Roots {
  /** The project root (the Vite root): `/x` in a deck means `<root>/x`. */
  root: string
  /** The folders a deck may read: its own folder, slides/_shared/, assets/. */
  dirs: string[]
}

/** The most bytes one file a deck names may have (an image, a data file, a style). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024

const realOrSelf = (path: string): string => {
  try {
    return realpathSync.native(path)
  } catch {
    return resolve(path)
  }
}

/**
 * The roots of a deck in `deckDir`: its folder, the `_shared` folder beside it (slides/_shared/ for
 * a session in slides/) and `assetsDir`.
 */
export function deckRoots(root: string, deckDir: string, assetsDir: string): Roots {
  const dirs = [deckDir, resolve(deckDir, '..', '_shared'), assetsDir].map(realOrSelf)
  return { root: realOrSelf(root), dirs: [...new Set(dirs)] }
}

/** Whether `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..')
}

const inRoots = (path: string, roots: Roots): boolean => roots.dirs.some((d) => isInside(path, d))

/** Why a path cannot be opened, in words a deck author can act on. */
function fsRefusal(err: unknown, ref: string): Refusal {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ELOOP') return { code: 'path-loop', message: `\`${ref}\` is a symbolic link loop` }
  if (code === 'EACCES' || code === 'EPERM')
    return { code: 'path-unreadable', message: `\`${ref}\` cannot be read` }
  return { code: 'missing-file', message: `\`${ref}\` not found` }
}

const notAFile = (ref: string): Refusal => ({
  code: 'not-a-file',
  message: `\`${ref}\` is not a regular file (a pipe, a socket or a device is never read)`,
})

/**
 * Resolves a path a deck wrote to a real path inside its roots. `/x` is project-root relative;
 * anything else is relative to `fromDir`, then to each of `fallbackDirs` (images: assets/).
 * Traversal out of the roots and symlinks that leave them are refused (`path-outside`); a link
 * loop or an unreadable path is a refusal too, never an exception. A folder is not found.
 */
function resolveDeckPath(
  ref: string,
  fromDir: string,
  roots: Roots,
  fallbackDirs: string[],
): { path: string } | Refusal {
  if (ref === '' || ref.includes('\0'))
    return { code: 'missing-file', message: 'empty or invalid path' }
  if (/^[a-z]:[\\/]/i.test(ref) || ref.startsWith('\\') || ref.startsWith('//'))
    return { code: 'path-outside', message: `\`${ref}\` is outside the deck's folders` }
  const candidates = ref.startsWith('/')
    ? [resolve(roots.root, '.' + ref)]
    : [fromDir, ...fallbackDirs].map((d) => resolve(d, ref))
  let refusal: Refusal | undefined
  const tried: string[] = []
  for (const candidate of candidates) {
    // The lexical path first: `../../etc` never gets as far as the file system.
    if (!inRoots(realOrSelf(dirname(candidate)), roots) && !inRoots(candidate, roots)) {
      refusal ??= {
        code: 'path-outside',
        message: `\`${ref}\` is outside the deck's folders (the deck, slides/_shared/, assets/)`,
      }
      continue
    }
    tried.push(relative(process.cwd(), candidate).split(sep).join('/') || '.')
    readLog.getStore()?.add(candidate)
    let real: string
    try {
      real = realpathSync.native(candidate)
    } catch (err) {
      const why = fsRefusal(err, ref)
      if (why.code !== 'missing-file') return why
      continue
    }
    if (!inRoots(real, roots))
      return {
        code: 'path-outside',
        message: `\`${ref}\` is a link to a file outside the deck's folders`,
      }
    try {
      if (statSync(real).isDirectory()) continue
    } catch (err) {
      return fsRefusal(err, ref)
    }
    return { path: real }
  }
  return (
    refusal ?? {
      code: 'missing-file',
      message: `\`${ref}\` not found${tried.length ? ` (looked for ${tried.join(', ')})` : ''}`,
    }
  )
}

/** How {@link readDeckFile} looks a path up and how much it reads. */
export interface ReadOptions {
  /** Folders a relative path is looked up in after `fromDir` (images: assets/). */
  fallbackDirs?: string[]
  /** The most bytes the file may have. @defaultValue {@link MAX_FILE_BYTES} */
  maxBytes?: number
}

/** A file the policy let a deck read: its real path and its bytes. */
export interface DeckFile {
  path: string
  bytes: Buffer
}

/**
 * Reads a file a deck names: the one function through which every deck file is read. `ref` is
 * resolved by the policy (see above), then opened without following a link and without blocking
 * (`O_NOFOLLOW | O_NONBLOCK`: a FIFO swapped in after the check cannot hang the build), and read
 * only if the open file is a regular file of at most `maxBytes`. Every failure is a refusal that
 * names what the deck wrote, never the file's content.
 */
export function readDeckFile(
  ref: string,
  fromDir: string,
  roots: Roots,
  options: ReadOptions = {},
): DeckFile | Refusal {
  const found = resolveDeckPath(ref, fromDir, roots, options.fallbackDirs ?? [])
  if ('code' in found) return found
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES
  let fd: number
  try {
    fd = openSync(found.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ELOOP'
      ? {
          code: 'path-outside',
          message: `\`${ref}\` is a link to a file outside the deck's folders`,
        }
      : fsRefusal(err, ref)
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return notAFile(ref)
    if (stat.size > maxBytes)
      return {
        code: 'file-too-large',
        message: `\`${ref}\` has ${stat.size.toLocaleString('en')} bytes; a deck's file may have at most ${maxBytes.toLocaleString('en')}`,
      }
    const bytes = Buffer.alloc(stat.size)
    let read = 0
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read)
      if (n === 0) break
      read += n
    }
    return { path: found.path, bytes: bytes.subarray(0, read) }
  } catch (err) {
    return fsRefusal(err, ref)
  } finally {
    closeSync(fd)
  }
}
