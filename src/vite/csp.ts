// deck:csp — the Content-Security-Policy of every page we build and serve: no inline or eval'd
// script, all self-hosted. It hashes only the scripts the build itself emits; a script that came
// from slide content (between the slide markers) is a build error, never hashed.
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import type { Connect, Logger, Plugin } from 'vite'
import {
  DeckError,
  diagnosticAtLine,
  formatForTerminal,
  type Diagnostic,
} from '../compiler/diagnostics.ts'

/**
 * Where the slides start and end in a page (deck:html writes them around the injected slides).
 * Everything between the first begin and the last end marker came from a deck: a slide that
 * writes a marker of its own cannot end the region early, so nothing it wrote is ever hashed.
 */
export const SLIDES_BEGIN = '<!--deck:slides:begin-->'
export const SLIDES_END = '<!--deck:slides:end-->'

/** Where the page runs: `dev` adds what Vite's client needs (its websocket). */
export type CspMode = 'build' | 'dev'

/**
 * The page's Content-Security-Policy: scripts only from the site itself (plus, in a single-file
 * build, its inline scripts by hash) — never `unsafe-inline` or `unsafe-eval` for scripts.
 * Inline styles stay allowed: KaTeX positions glyphs with `style` attributes. In dev, Vite's
 * client talks to the server over a websocket (`ws:`/`wss:`), and nothing else changes.
 */
export function contentSecurityPolicy(
  inlineScripts: string[] = [],
  mode: CspMode = 'build',
): string {
  const hashes = inlineScripts.map(
    (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`,
  )
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    mode === 'dev' ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

const RE_INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi
/** Script types a browser does not run (data blocks such as `#deck-meta`). */
const RE_DATA_SCRIPT = /type="(application\/json|application\/ld\+json|text\/plain)"/
/** A `<script>` element (to its end tag, or to the end of the region if it has none). */
const RE_SCRIPT_ELEMENT = /<script(?=[\s/>])[\s\S]*?(?:<\/script\s*>|$)/gi
const RE_SOURCE_ATTR = /<section\b[^>]*?\sdata-source="([^"]*)"/g

/** The few character references that can spell a URL scheme (`&#106;`, `&colon;`, `&Tab;` …). */
function decodeReferences(value: string): string {
  const named: Record<string, string> = {
    colon: ':',
    tab: '\t',
    newline: '\n',
    amp: '&',
    quot: '"',
    apos: "'",
    lt: '<',
    gt: '>',
  }
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (all, hex, dec, name) => {
    if (hex || dec) {
      const code = parseInt(hex ?? dec, hex ? 16 : 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
    }
    return named[String(name).toLowerCase()] ?? all
  })
}

// eslint-disable-next-line no-control-regex
const RE_URL_CONTROLS = /[\u0000-\u0020]/g

/** An attribute value as the browser reads it as a URL: references decoded, controls dropped. */
function urlOf(value: string): string {
  // Browsers drop ASCII tab and newline anywhere in a URL and trim C0 controls and spaces.
  return decodeReferences(value).replace(RE_URL_CONTROLS, '').toLowerCase()
}

/** The scheme of a URL that runs script (`javascript`, `vbscript`), or undefined. */
function scriptScheme(value: string): string | undefined {
  return /^(javascript|vbscript):/.exec(urlOf(value))?.[1]
}

/** One thing in slide content that would run script, and where in the page it is. */
interface Finding {
  offset: number
  length: number
  what: string
}

/** A start tag as the browser's tokenizer reads it: its name, attributes and end. */
interface StartTag {
  name: string
  attributes: [name: string, value: string][]
  end: number
}

/**
 * Reads the start tag at `at` (a `<` followed by a letter) with the HTML tokenizer's attribute
 * rules: names end at whitespace, `/`, `>` or `=`; values are quoted or run to whitespace or `>`.
 * A linear scan, so no input can make it backtrack.
 */
function readStartTag(html: string, at: number): StartTag {
  let i = at + 1
  const isSpace = (c: string | undefined): boolean => c !== undefined && /[\s/]/.test(c)
  while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++
  const tag: StartTag = { name: html.slice(at + 1, i).toLowerCase(), attributes: [], end: i }
  while (i < html.length && html[i] !== '>') {
    if (isSpace(html[i])) {
      i++
      continue
    }
    const nameAt = i
    i++
    while (i < html.length && !isSpace(html[i]) && html[i] !== '>' && html[i] !== '=') i++
    const name = html.slice(nameAt, i).toLowerCase()
    while (i < html.length && /\s/.test(html[i]!)) i++
    let value = ''
    if (html[i] === '=') {
      i++
      while (i < html.length && /\s/.test(html[i]!)) i++
      const quote = html[i]
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1)
        const to = close < 0 ? html.length : close
        value = html.slice(i + 1, to)
        i = to + 1
      } else {
        const from = i
        while (i < html.length && !/[\s>]/.test(html[i]!)) i++
        value = html.slice(from, i)
      }
    }
    tag.attributes.push([name, value])
  }
  tag.end = Math.min(i + 1, html.length)
  return tag
}

function findScripts(region: string): Finding[] {
  const found: Finding[] = []
  const scripts: [number, number][] = []
  for (const m of region.matchAll(RE_SCRIPT_ELEMENT)) {
    found.push({ offset: m.index, length: m[0].length, what: 'a <script> element' })
    scripts.push([m.index, m.index + m[0].length])
  }
  for (const m of region.matchAll(/<[a-zA-Z]/g)) {
    if (scripts.some(([from, to]) => m.index >= from && m.index < to)) continue
    const tag = readStartTag(region, m.index)
    const where = { offset: m.index, length: tag.end - m.index }
    for (const [name, value] of tag.attributes) {
      const what = name.startsWith('on')
        ? `an event handler attribute (${name}=) on <${tag.name}>`
        : scriptScheme(value)
          ? `a script URL (${name}="${scriptScheme(value)}:…") on <${tag.name}>`
          : name === 'srcdoc' && /<script|\son[a-z]+\s*=|javascript:/i.test(decodeReferences(value))
            ? `a <${tag.name} srcdoc> document with script`
            : undefined
      if (what) found.push({ ...where, what })
    }
  }
  return found.sort((a, b) => a.offset - b.offset)
}

/** The `file:line` of the slide around `offset` (its `<section data-source>`), as a diagnostic. */
function diagnosticFor(region: string, finding: Finding, page: string): Diagnostic {
  let source: string | undefined
  for (const m of region.matchAll(RE_SOURCE_ATTR)) {
    if (m.index > finding.offset) break
    source = decodeReferences(m[1]!)
  }
  const at = source ? /^(.*):(\d+)$/.exec(source) : null
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
  const begin = html.indexOf(SLIDES_BEGIN)
  const end = html.lastIndexOf(SLIDES_END)
  if (begin < 0 && end < 0) return { html, diagnostics: [] }
  if (begin < 0 || end < begin)
    throw new Error(`${page}: the slide markers are not a begin … end pair`)
  const region = html.slice(begin + SLIDES_BEGIN.length, end)
  const findings = findScripts(region)
  const diagnostics = findings.map((f) => diagnosticFor(region, f, page))
  let clean = ''
  let at = 0
  for (const f of findings) {
    if (f.offset < at) continue
    clean += region.slice(at, f.offset)
    at = f.offset + f.length
  }
  clean += region.slice(at)
  // A marker a slide wrote itself goes too: the page keeps no trace of the region.
  clean = clean.split(SLIDES_BEGIN).join('').split(SLIDES_END).join('')
  return {
    html: html.slice(0, begin) + clean + html.slice(end + SLIDES_END.length),
    diagnostics,
  }
}

/** The executable inline scripts of a page (data blocks such as `#deck-meta` are not). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(RE_INLINE_SCRIPT)]
    .filter((m) => !RE_DATA_SCRIPT.test(m[1]!))
    .map((m) => m[2]!)
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
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineScripts(scan.html))}" />`
  // After `<meta charset>`, which must come first.
  return /<meta charset[^>]*>/i.test(scan.html)
    ? scan.html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`)
    : scan.html.replace(/<head>/i, `<head>\n    ${meta}`)
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
