// The Content-Security-Policy of every page the project builds and serves (no inline or eval'd
// script, all self-hosted), and the last check on a built page: whatever in the slide region (the
// part of a page a deck wrote) would run script is found, removed and reported, never hashed.
// Both the scan and the hashes read the page with the one tokenizer.
import { createHash } from 'node:crypto'
import { readHtml, type StartTag } from './tokenizer.ts'
import { scriptScheme } from './urls.ts'

/**
 * Where the slides start and end in a page (deck:html writes them around the injected slides).
 * Everything between the first begin and the last end marker came from a deck: a slide that
 * writes a marker of its own cannot end the region early, so nothing it wrote is ever hashed.
 */
export const SLIDES_BEGIN = '<!--deck:slides:begin-->'
export const SLIDES_END = '<!--deck:slides:end-->'

/** Where the page runs: `dev` adds what Vite's client needs (its websocket). */
export type CspMode = 'build' | 'dev'

const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64')

/**
 * The page's Content-Security-Policy: scripts only from the site itself (plus, in a single-file
 * build, its inline scripts by hash), never `unsafe-inline` or `unsafe-eval` for scripts.
 * Inline styles stay allowed: KaTeX positions glyphs with `style` attributes. In dev, Vite's
 * client talks to the server over a websocket (`ws:`/`wss:`), and nothing else changes.
 */
export function contentSecurityPolicy(
  inlineScripts: string[] = [],
  mode: CspMode = 'build',
): string {
  const hashes = inlineScripts.map((s) => `'sha256-${sha256(s)}'`)
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

/** Script types a browser does not run (data blocks such as `#deck-meta`). */
const DATA_SCRIPT = /^(application\/json|application\/ld\+json|text\/plain)$/i

const attribute = (tag: StartTag, name: string): string | undefined =>
  tag.attributes.find(([n]) => n === name)?.[1]

/** The executable inline scripts of a page, exactly as written (what the browser hashes). */
export function inlineScripts(html: string): string[] {
  const out: string[] = []
  let open: StartTag | undefined
  readHtml(html, {
    startTag: (tag) => {
      if (tag.name !== 'script') return
      const type = attribute(tag, 'type')
      open = attribute(tag, 'src') === undefined && !DATA_SCRIPT.test(type ?? '') ? tag : undefined
    },
    endTag: (name, start) => {
      if (name === 'script' && open) out.push(html.slice(open.end, start))
      if (name === 'script') open = undefined
    },
  })
  return out
}

/** One thing in slide content that would run script: where it is, and the slide it is on. */
export interface ScriptFinding {
  offset: number
  length: number
  what: string
  /** The `data-source` (`file:line`) of the slide around it, if any. */
  source?: string
}

/**
 * Attributes whose value a browser only shows as text, never reads as a URL: a `title` that
 * says "javascript:" runs nothing, and a deck may write one.
 */
const TEXT_ATTRIBUTE = /^(title|alt|aria-[a-z-]+|placeholder|label)$/

/** How deep text that holds markup (raw text of `<style>`, `<textarea>`, `<title>`…) is read again. */
const MAX_REREAD = 4

/**
 * Everything in `region` that would run script: `<script>` elements, `on*=` handler attributes,
 * `javascript:`/`vbscript:` URLs, `srcdoc` documents with script. Text that holds markup (the raw
 * text of `<style>` or `<textarea>`, which a browser may read as markup in SVG or MathML) is read
 * again as HTML: a reader that is stricter than the browser, never looser.
 */
function findScripts(region: string, base = 0, depth = 0): ScriptFinding[] {
  const found: ScriptFinding[] = []
  let script: number | undefined
  // The slide a finding is on: the last `<section data-source>` opened before it.
  let source: string | undefined
  readHtml(region, {
    startTag: (tag) => {
      if (tag.name === 'section') source = attribute(tag, 'data-source') ?? source
      if (tag.name === 'script') script ??= tag.start
      const where = { offset: base + tag.start, length: tag.end - tag.start, source }
      for (const [name, value] of tag.attributes) {
        const scheme = TEXT_ATTRIBUTE.test(name) ? undefined : scriptScheme(value)
        const what = name.startsWith('on')
          ? `an event handler attribute (${name}=) on <${tag.name}>`
          : scheme
            ? `a script URL (${name}="${scheme}:…") on <${tag.name}>`
            : name === 'srcdoc' && /<script|\son[a-z]+\s*=|javascript:/i.test(value)
              ? `a <${tag.name} srcdoc> document with script`
              : undefined
        if (what) found.push({ ...where, what })
      }
    },
    endTag: (name, _start, end) => {
      if (name !== 'script' || script === undefined) return
      found.push({
        offset: base + script,
        length: end - script,
        what: 'a <script> element',
        source,
      })
      script = undefined
    },
    text: (text, start) => {
      if (script === undefined && depth < MAX_REREAD && /<[a-z!/?]/i.test(text))
        found.push(
          ...findScripts(region.slice(start, start + text.length), base + start, depth + 1).map(
            (f) => ({ ...f, source: f.source ?? source }),
          ),
        )
    },
  })
  if (script !== undefined)
    found.push({
      offset: base + script,
      length: region.length - script,
      what: 'a <script> element',
      source,
    })
  return found.sort((a, b) => a.offset - b.offset)
}

/** What {@link removeSlideScripts} returns: the page without them, and what it removed. */
export interface SlideScriptScan {
  html: string
  findings: ScriptFinding[]
}

/**
 * Removes from the slide region everything that would run script (see findScripts) and tells
 * where each was (its slide's `data-source`). The markers are dropped from the page. A page
 * without markers has no slide region (the home page).
 */
export function removeSlideScripts(html: string, page = 'index.html'): SlideScriptScan {
  const begin = html.indexOf(SLIDES_BEGIN)
  const end = html.lastIndexOf(SLIDES_END)
  if (begin < 0 && end < 0) return { html, findings: [] }
  if (begin < 0 || end < begin)
    throw new Error(`${page}: the slide markers are not a begin … end pair`)
  const region = html.slice(begin + SLIDES_BEGIN.length, end)
  const findings = findScripts(region)
  let clean = ''
  let at = 0
  for (const f of findings) {
    if (f.offset < at) {
      at = Math.max(at, f.offset + f.length)
      continue
    }
    clean += region.slice(at, f.offset)
    at = f.offset + f.length
  }
  clean += region.slice(at)
  // A marker a slide wrote itself goes too: the page keeps no trace of the region.
  clean = clean.split(SLIDES_BEGIN).join('').split(SLIDES_END).join('')
  return {
    html: html.slice(0, begin) + clean + html.slice(end + SLIDES_END.length),
    findings,
  }
}

/** The page with its policy's `<meta>` first in `<head>` (after `<meta charset>`), for `scripts`. */
export function withCspMeta(html: string, scripts: string[]): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts)}" />`
  return /<meta charset[^>]*>/i.test(html)
    ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`)
    : html.replace(/<head>/i, `<head>\n    ${meta}`)
}
