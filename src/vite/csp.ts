// deck:csp — the Content-Security-Policy of every page we build: no inline or eval'd script, all
// self-hosted.
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

/**
 * The page's Content-Security-Policy: scripts only from the site itself (plus, in a single-file
 * build, its inline scripts by hash) — never `unsafe-inline` or `unsafe-eval` for scripts.
 * Inline styles stay allowed: KaTeX positions glyphs with `style` attributes.
 */
export function contentSecurityPolicy(inlineScripts: string[] = []): string {
  const hashes = inlineScripts.map(
    (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`,
  )
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

const RE_INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi

/** Inserts the CSP `<meta>` first in `<head>`, hashing executable inline scripts if any. */
export function addCsp(html: string): string {
  const inline = [...html.matchAll(RE_INLINE_SCRIPT)]
    .filter((m) => !/type="(application\/json|application\/ld\+json|text\/plain)"/.test(m[1]!))
    .map((m) => m[2]!)
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inline)}" />`
  // After `<meta charset>`, which must come first.
  return /<meta charset[^>]*>/i.test(html)
    ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`)
    : html.replace(/<head>/i, `<head>\n    ${meta}`)
}

/**
 * `deck:csp`: adds the policy to every HTML page of a build, after every other plugin (a
 * single-file build inlines its scripts in generateBundle), so it can name the exact inline
 * scripts by hash.
 */
export function cspPlugin(): Plugin {
  return {
    name: 'deck:csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const asset of Object.values(bundle)) {
          if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue
          asset.source = addCsp(String(asset.source))
        }
      },
    },
  }
}
