// What the dev server may serve and watch, as Vite options and middleware: the project's own
// folders only (the rules are src/untrusted/dev-files.ts). `npm start` runs on someone's
// pull-request branch, so no URL, `..`, `/@fs/` path or symlink may reach a file outside them, and
// the watcher never follows a symlink out of the project.
import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Connect, UserConfig } from 'vite'
import { decodeRequestPath, DENY, refuseDevPath } from '../untrusted/index.ts'
import type { DeckContext } from './context.ts'

export { DENY, isDenied } from '../untrusted/index.ts'

/**
 * What the watcher skips besides Vite's defaults: build output, including the folders a build
 * writes and swaps in (`.dist.partial-<pid>`, `.dist.old-<pid>`), and the compiled CLI: none
 * is a source the dev server reloads from, and a build writes thousands of files.
 */
export const builtOutput = (root: string): string[] => [
  '**/dist/**',
  '**/.*.partial-*/**',
  '**/.*.old-*/**',
  `${root}/build/**`,
]

/** The folders (and the page template) the dev server serves: all inside the project. */
export function allowedRoots(ctx: DeckContext): string[] {
  const { root } = ctx
  return [
    resolve(root, 'index.html'),
    resolve(root, 'src'),
    ctx.assetsDir,
    // The deck(s) served: `slides/`, or the one folder of `DECK=…`.
    ...[ctx.slidesDir ?? ctx.slidesRoot].filter((d): d is string => d !== undefined),
    // Dependencies (reveal.js, KaTeX's fonts) and Vite's pre-bundled copies of them.
    resolve(root, 'node_modules'),
  ]
}

/**
 * The dev server's `server` options: strict file serving inside {@link allowedRoots}, the
 * {@link DENY} list, and a watcher that does not follow symlinks (one pointing at `/` made the
 * watcher walk the whole disk and die with EACCES) nor walk {@link builtOutput}. A server
 * created with `watch: null` keeps it.
 */
export function devServerOptions(ctx: DeckContext, config: UserConfig): UserConfig {
  return {
    server: {
      fs: { strict: true, allow: allowedRoots(ctx), deny: [...DENY] },
      watch:
        config.server?.watch === null
          ? undefined
          : { followSymlinks: false, ignored: builtOutput(ctx.root) },
    },
  }
}

/** A plain page (no stack trace, no server path) for a refused or unknown URL. */
export function plainPage(status: number, title: string, text: string): string {
  const esc = (s: string): string =>
    s
      .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
      .replace(
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u001f\u007f-\u009f]/g,
        (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      )
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${status} ${esc(title)}</title>
<style>
body { font: 18px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #1e293b; }
h1 { color: #1e3a8a; }
@media (prefers-color-scheme: dark) { body { background: #0f172a; color: #e2e8f0; } h1, a { color: #93c5fd; } }
</style></head>
<body><h1>${status} ${esc(title)}</h1><p>${esc(text)}</p><p><a href="/">All sessions</a></p></body>
</html>
`
}

/**
 * Refuses (403) any request whose path, once decoded and with every symlink followed, leaves
 * {@link allowedRoots} or is {@link isDenied}, and any `..` segment. Vite checks `server.fs` on
 * the path as written, so a symlink inside an allowed folder (`slides/x/root -> /`) would still
 * let its static server read through it; this check runs first, on the real path.
 */
export function fsGuardMiddleware(ctx: DeckContext): Connect.NextHandleFunction {
  let roots: string[] | undefined
  const realRoots = (): string[] =>
    (roots ??= allowedRoots(ctx).flatMap((r) => {
      try {
        return [realpathSync(r)]
      } catch {
        return []
      }
    }))
  return (req, res, next) => {
    const decoded = decodeRequestPath(req.url ?? '/')
    if (!refuseDevPath(decoded, ctx.root, realRoots())) return next()
    res.statusCode = 403
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.end(plainPage(403, 'Forbidden', `${decoded} is outside the folders this server shows.`))
  }
}
