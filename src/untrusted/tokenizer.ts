// The one HTML tokenizer: htmlparser2, the parser sanitize-html is built on. Every reader of markup
// in this folder goes through it: the slide sanitizer and the SVG sanitizer (by passing these
// options to sanitize-html), the SVG post-passes, and the CSP scan of a built page and its hashes
// of inline scripts. One tokenizer means no two readers can disagree about where a tag or an
// attribute starts; each reader sees attributes with character references decoded, as a browser
// does.
import { Parser, Tokenizer } from 'htmlparser2'

/** The parser flags the readers share (a subset of htmlparser2's options, as sanitize-html takes them). */
export interface ParserFlags {
  xmlMode?: boolean
  decodeEntities?: boolean
  lowerCaseTags?: boolean
  lowerCaseAttributeNames?: boolean
}

/** How a slide's HTML is read: HTML rules (raw text in `<script>`/`<style>`, entities decoded). */
export const HTML_PARSER: Readonly<ParserFlags> = { decodeEntities: true }

/** How an SVG document is read: XML rules, names kept as written (`viewBox`, `clipPath`). */
export const SVG_PARSER: Readonly<ParserFlags> = {
  xmlMode: true,
  decodeEntities: true,
  lowerCaseTags: false,
  lowerCaseAttributeNames: false,
}

/** A start tag: its name, its attributes in order (duplicates kept), and its offsets. */
export interface StartTag {
  name: string
  attributes: [name: string, value: string][]
  /** Offset of its `<`. */
  start: number
  /** Offset just past its `>`. */
  end: number
}

/** What a reader wants to hear about; every offset is into the string read. */
export interface HtmlVisitor {
  startTag?(tag: StartTag): void
  /** `implied`: closed by the parser (end of input, or an element that cannot nest). */
  endTag?(name: string, start: number, end: number, implied: boolean): void
  /** A run of text between two tags, whole (character references decoded). */
  text?(text: string, start: number, end: number): void
  comment?(text: string, start: number, end: number): void
}

/** Reads `html` (or an SVG document, with `mode: 'svg'`) once, front to back, telling `visitor`. */
export function readHtml(html: string, visitor: HtmlVisitor, mode: 'html' | 'svg' = 'html'): void {
  let attributes: [string, string][] = []
  // The parser gives text in pieces (at each character reference): joined here into one run.
  let text: { value: string; start: number; end: number } | undefined
  const flush = (): void => {
    if (text) visitor.text?.(text.value, text.start, text.end)
    text = undefined
  }
  const parser: Parser = new Parser(
    {
      onopentagname() {
        flush()
        attributes = []
      },
      onattribute(name, value) {
        attributes.push([name, value])
      },
      onopentag(name) {
        visitor.startTag?.({
          name,
          attributes,
          start: parser.startIndex,
          end: parser.endIndex + 1,
        })
      },
      onclosetag(name, implied) {
        flush()
        visitor.endTag?.(name, parser.startIndex, parser.endIndex + 1, implied)
      },
      ontext(value) {
        if (text) {
          text.value += value
          text.end = parser.endIndex + 1
        } else text = { value, start: parser.startIndex, end: parser.endIndex + 1 }
      },
      oncomment(value) {
        flush()
        visitor.comment?.(value, parser.startIndex, parser.endIndex + 1)
      },
      onprocessinginstruction() {
        flush()
      },
      onend() {
        flush()
      },
    },
    mode === 'svg' ? SVG_PARSER : HTML_PARSER,
  )
  parser.end(html)
}

/**
 * How many start tags `html` has, read by HTML rules: the tokenizer under {@link readHtml}'s
 * parser, without the parser's attribute and open-element bookkeeping (three times faster on a
 * page of 50 MB). A `<` not followed by an ASCII letter starts no tag, so a string with no more
 * such `<` than `atMost` is answered without tokenizing it.
 */
export function countStartTags(html: string, atMost = 0): number {
  let upper = 0
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const c = html.charCodeAt(at + 1) | 0x20
    if (c >= 0x61 && c <= 0x7a) upper++
  }
  if (upper <= atMost) return upper
  let n = 0
  const none = (): void => undefined
  const tokenizer = new Tokenizer(
    { decodeEntities: HTML_PARSER.decodeEntities },
    {
      onopentagname: () => void n++,
      onattribdata: none,
      onattribentity: none,
      onattribend: none,
      onattribname: none,
      oncdata: none,
      onclosetag: none,
      oncomment: none,
      ondeclaration: none,
      onend: none,
      onopentagend: none,
      onprocessinginstruction: none,
      onselfclosingtag: none,
      ontext: none,
      ontextentity: none,
    },
  )
  tokenizer.write(html)
  tokenizer.end()
  return n
}

/** Escapes text for a double-quoted attribute value or element content. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
}
