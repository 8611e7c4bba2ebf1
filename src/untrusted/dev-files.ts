// What the dev server may serve: `npm start` runs on someone's pull-request branch, so no URL, `..`,
// `/@fs/` path or symlink may reach a file outside the project's own folders, nor a file the deny
// list names (the repository, keys, tool caches), wherever it is.
import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { isInside } from './paths.ts'

/**
 * Never served, even inside an allowed folder: Vite's own defaults (`.env*`, certificates) plus
 * the repository, tool caches and key files. Globs for Vite's `server.fs.deny`; {@link isDenied}
 * applies the same list to a resolved path.
 */
export const DENY = [
  '.env',
  '.env.*',
  '*.{crt,pem,key}',
  '**/.git/**',
  '**/node_modules/.cache/**',
  '**/.ssh/**',
  '**/.npmrc',
  '**/.netrc',
] as const

/** {@link DENY} as path tests on an absolute path's segments. */
const DENIED_SEGMENT = /^(?:\.env(?:\..*)?|.*\.(?:crt|pem|key)|\.ssh|\.npmrc|\.netrc|\.git)$/i

/** Whether an absolute path is one {@link DENY} names. */
export function isDenied(path: string): boolean {
  const parts = path.split(/[\\/]+/)
  return (
    parts.some((p) => DENIED_SEGMENT.test(p)) ||
    /[\\/]node_modules[\\/]\.cache(?:[\\/]|$)/.test(path)
  )
}

/** The file a request URL names on disk (`/@fs/<abs>` or a root-relative path), if any. */
function fileOfUrl(pathname: string, root: string): string | undefined {
  if (pathname.startsWith('/@fs/')) return pathname.slice('/@fs'.length)
  // Vite's own ids (`/@vite/client`, `/@id/…`) and endpoints (`/__open-in-editor`) are no files.
  if (pathname.startsWith('/@') || pathname.startsWith('/__')) return undefined
  return resolve(root, `.${pathname}`)
}

/** A request path, decoded once (a stray `%` stays as written). */
export function decodeRequestPath(url: string): string {
  const path = url.split(/[?#]/)[0]!
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/**
 * Whether the dev server must refuse a request path (decoded): any `..` segment or NUL, a path the
 * deny list names, or a file that, once every symlink is followed, is outside `realRoots`
 * (real paths of the folders it serves) and is not the project root itself. A path with nothing
 * behind it is not refused here (a page URL, or a 404 to come).
 */
export function refuseDevPath(
  decoded: string,
  root: string,
  realRoots: readonly string[],
): boolean {
  if (decoded.split(/[\\/]/).includes('..') || decoded.includes('\0')) return true
  const file = fileOfUrl(decoded, root)
  if (file === undefined) return false
  if (isDenied(file)) return true
  let real: string
  try {
    real = realpathSync(file)
  } catch {
    return false
  }
  if (real === realpathSync(root)) return false
  return isDenied(real) || !realRoots.some((r) => isInside(real, r))
}
