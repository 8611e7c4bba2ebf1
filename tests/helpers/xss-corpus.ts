// The public XSS corpora of tests/fixtures/xss/ (DOMPurify's test vectors, the HTML5 Security
// Cheatsheet's vectors), and what no slide built from them may hold.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { classifyUrl, cssUrls } from '../../src/untrusted/index.ts'

const DIR = resolve(import.meta.dirname, '../fixtures/xss')

/** One vector: where it comes from, and the HTML a deck writes. */
export interface Vector {
  name: string
  payload: string
}

/** DOMPurify's vectors (test/fixtures/expect.mjs), in order. */
export function dompurifyVectors(): Vector[] {
  const file = JSON.parse(readFileSync(resolve(DIR, 'dompurify-vectors.json'), 'utf8')) as {
    vectors: { title?: string; payload: string }[]
  }
  return file.vectors.map((v, i) => ({
    name: `DOMPurify #${i + 1}${v.title ? ` ${v.title}` : ''}`,
    payload: v.payload,
  }))
}

/** The HTML5 Security Cheatsheet's vectors (vectors.txt), by id. */
export function h5scVectors(): Vector[] {
  const text = readFileSync(resolve(DIR, 'h5sc-vectors.txt'), 'utf8')
  return [...text.matchAll(/<div id="(\d+)">([\s\S]*?)\/\/\["'`-->\]\]>\]<\/div>/g)].map((m) => ({
    name: `H5SC #${m[1]}`,
    payload: m[2]!,
  }))
}

/** Attributes whose value a browser reads as a URL. */
const URLS = /^(href|src|srcset|poster|cite|action|formaction|background|xlink:href|data-[a-z-]+)$/

/** Attributes that load something into the page. */
const LOADS =
  /^(src|srcset|poster|data-src|data-background(-[a-z]+)?|data-preview-[a-z]+|href|xlink:href)$/

/**
 * What in `html` (read by a browser's parser, parse5) would run script, load from elsewhere or
 * show something off the deck: elements that run or embed, event handlers, script URLs, `data:`
 * URLs other than images, remote loads, CSS that loads from outside the deck's assets. Empty when
 * the HTML is harmless.
 */
export function dangers(html: string): string[] {
  const $ = load(html, null, false)
  const out: string[] = []
  $('script, iframe, object, embed, base, meta, link, form, frame, frameset, applet').each(
    (_, el) => void out.push(`<${(el as { tagName: string }).tagName}>`),
  )
  // A style sheet only inside a drawing of ours (scoped to it by the SVG sanitiser).
  $('style')
    .filter((_, el) => $(el).closest('svg').length === 0)
    .each(() => void out.push('<style>'))
  $('*').each((_, el) => {
    const tag = (el as { tagName: string }).tagName
    for (const [name, value] of Object.entries(
      (el as { attribs?: Record<string, string> }).attribs ?? {},
    )) {
      if (/^on/i.test(name)) out.push(`<${tag} ${name}>`)
      if (name === 'srcdoc') out.push(`<${tag} srcdoc>`)
      const url = classifyUrl(value)
      if (
        URLS.test(name) &&
        url.kind === 'scheme' &&
        /^(javascript|vbscript|file|mhtml|view-source)$/.test(url.scheme)
      )
        out.push(`<${tag} ${name}="${url.scheme}:…">`)
      if (name === 'xlink:href' && !value.trim().startsWith('#')) out.push(`<${tag} xlink:href>`)
      if (LOADS.test(name) && name !== 'href' && name !== 'xlink:href') {
        if (url.kind === 'data' && !/^\s*data:image\/(png|gif|jpeg|webp|avif);base64,/i.test(value))
          out.push(`<${tag} ${name}="data:…">`)
        if (url.kind === 'protocol-relative' || (url.kind === 'scheme' && url.scheme !== 'data'))
          out.push(`<${tag} ${name}="${value.slice(0, 40)}">`)
      }
      if (name === 'style' || name.startsWith('data-background'))
        for (const u of cssUrls(value))
          if (!u.url.startsWith('./deck-assets/') && !u.url.startsWith('#'))
            out.push(`<${tag} ${name}> url(${u.url.slice(0, 40)})`)
    }
  })
  return out
}
