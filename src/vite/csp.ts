// deck:csp — adds the Content-Security-Policy of src/untrusted/csp.ts to every page we build and
// serve. It hashes only the scripts the build itself emits; a script that came from slide content
// (between the slide markers) is a build error at its slide's file:line, never hashed.
import { resolve } from 'node:path'
import type { Connect, Logger, Plugin } from 'vite'
import {
  DeckError,
  diagnosticAtLine,
  formatForTerminal,
  type Diagnostic,
} from '../compiler/diagnostics.ts'
import {
  contentSecurityPolicy,
  inlineScripts,
  removeSlideScripts as scanSlideScripts,
  withCspMeta,
  type ScriptFinding,
} from '../untrusted/index.ts'

export {
  contentSecurityPolicy,
  inlineScripts,
  SLIDES_BEGIN,
  SLIDES_END,
  type CspMode,
} from '../untrusted/index.ts'

/** A finding of the scan as a diagnostic at its slide's `file:line` (the page's, outside one). */
function diagnosticFor(finding: ScriptFinding, page: string): Diagnostic {
  const at = finding.source ? /^(.*):(\d+)$/.exec(finding.source) : null
  return diagnosticAtLine(at ? at[1]! : page, at ? Number(at[2]) - 1 : 0, 0, {
    code: 'slide-script',
    message: `${finding.what} in the slide's HTML: removed, and never allowed by the page's Content-Security-Policy`,
    hint: 'slides run no script of their own: use a chart, a diagram or the explorer instead',
  })
}

/** What {@link removeSlideScripts} returns: the page without them, and what it removed. */
export interface SlideScriptScan {
  html: string
  diagnostics: Diagnostic[]
}

/**
 * Removes from the slide region everything that would run script — `<script>` elements, `on*=`
 * handler attributes, `javascript:`/`vbscript:` URLs, `srcdoc` documents with script — and
 * reports each at the `file:line` of its slide. The markers are dropped from the page. A page
 * without markers has no slide region (the home page).
 * @param page the page's name, for a finding outside any slide
 */
export function removeSlideScripts(html: string, page = 'index.html'): SlideScriptScan {
  const scan = scanSlideScripts(html, page)
  return { html: scan.html, diagnostics: scan.findings.map((f) => diagnosticFor(f, page)) }
}

/**
 * Inserts the CSP `<meta>` first in `<head>`, hashing the build's own executable inline scripts.
 * Script in the slide region is a build error (a {@link DeckError} naming each slide's
 * `file:line`), so it is never hashed and never published.
 */
export function addCsp(html: string, page = 'index.html'): string {
  const scan = removeSlideScripts(html, page)
  if (scan.diagnostics.length > 0)
    throw new DeckError(scan.diagnostics, resolve(scan.diagnostics[0]!.file))
  return withCspMeta(scan.html, inlineScripts(scan.html))
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
          asset.source = addCsp(String(asset.source), asset.fileName)
        }
      },
    },
  }
}

const RE_HTML_START = /^\s*(?:<!doctype html|<html[\s>])/i

/**
 * Dev: sends the page's policy as a `Content-Security-Policy` header on every HTML answer (deck
 * pages, the home page, Vite's and our error pages), with what Vite's client needs (`ws:`/`wss:`)
 * and the answer's own inline scripts by hash. Script in a page's slide region is removed first
 * and printed as an error, as the build reports it, so it is never hashed.
 */
export function cspHeaderMiddleware(logger: Pick<Logger, 'error'>): Connect.NextHandleFunction {
  return (_req, res, next) => {
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res
    let written = false
    const write = res.write.bind(res) as (...args: unknown[]) => boolean
    // A streamed answer is no page we make: only a whole body given to end() is looked at.
    res.write = ((...args: unknown[]) => {
      written = true
      return write(...args)
    }) as typeof res.write
    res.end = ((...args: unknown[]) => {
      const [chunk] = args
      const type = String(res.getHeader('Content-Type') ?? '')
      const body =
        typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : ''
      const html = /text\/html/i.test(type) || (!type && RE_HTML_START.test(body))
      if (!written && !res.headersSent && html && body) {
        const scan = removeSlideScripts(body, 'page')
        for (const d of scan.diagnostics) logger.error(formatForTerminal(d))
        res.setHeader(
          'Content-Security-Policy',
          contentSecurityPolicy(inlineScripts(scan.html), 'dev'),
        )
        if (scan.html !== body) {
          res.removeHeader('Content-Length')
          return end(scan.html, ...args.slice(1).filter((a) => typeof a === 'function'))
        }
      }
      return end(...args)
    }) as typeof res.end
    next()
  }
}
