// Front matter: YAML at the top of a slide file -> typed metadata plus positioned diagnostics.
import {
  isMap,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { emptyRecord } from '../untrusted/index.ts'
import { diagnosticAt, type Diagnostic } from './diagnostics.ts'

/** Keys a file's front matter may set: the deck's first file takes all, the others `section`. */
export const DECK_KEYS = [
  'title',
  'shortTitle',
  'group',
  'date',
  'presenter',
  'description',
  'duration',
  'paper',
  'lang',
  'macros',
  'csl',
  'section',
  'minutes',
] as const
/** `minutes`: the time planned for the file's own slides (the speaker view's pacing). */
export const FILE_KEYS = ['section', 'minutes'] as const
const PAPER_KEYS = ['citation', 'url']

export interface FrontMatterResult {
  data: Partial<DeckMeta> & { section?: string; minutes?: number }
  diagnostics: Diagnostic[]
}

/**
 * Parses and validates front matter.
 * @param yamlText the text between the `---` lines
 * @param file path printed in diagnostics
 * @param firstLine 0-based line of `yamlText`'s first line in the file
 * @param allowed the keys this file may set
 */
export function parseFrontMatter(
  yamlText: string,
  file: string,
  firstLine: number,
  allowed: readonly string[],
): FrontMatterResult {
  const diagnostics: Diagnostic[] = []
  const at = (offset: number, code: string, message: string, hint?: string): void => {
    diagnostics.push(
      diagnosticAt({ file, text: yamlText, firstLine }, offset, { code, message, hint }),
    )
  }
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true })
  // Only the first: the YAML parser's later errors mostly follow from it.
  for (const err of doc.errors.slice(0, 1)) {
    at(
      errorOffset(doc, err),
      'yaml-syntax',
      `invalid YAML: ${firstSentence(err.message)}`,
      'check indentation and quoting',
    )
  }
  if (doc.errors.length > 0) return { data: {}, diagnostics }
  const root = doc.contents
  if (root === null) return { data: {}, diagnostics }
  if (!isMap(root)) {
    at(
      root.range?.[0] ?? 0,
      'front-matter-type',
      'front matter must be a mapping of `key: value` lines',
    )
    return { data: {}, diagnostics }
  }
  // Keys are the deck's: a record without a prototype (only allowed keys reach it anyway).
  const data = emptyRecord<unknown>()
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null
    const key = isScalar(keyNode) ? String(keyNode.value) : ''
    const keyOffset = keyNode?.range?.[0] ?? 0
    if (!allowed.includes(key)) {
      const known = (DECK_KEYS as readonly string[]).includes(key)
      const guess = closest(key, allowed)
      at(
        keyOffset,
        'front-matter-key',
        known
          ? `\`${key}\` can only be set in the deck's first file`
          : `unknown front-matter key \`${key}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
        `allowed here: ${allowed.join(', ')}`,
      )
      continue
    }
    const valueNode = pair.value as YamlNode | null
    const value: unknown = valueNode && 'toJSON' in valueNode ? valueNode.toJSON() : null
    const valueOffset = valueNode?.range?.[0] ?? keyOffset
    const problem =
      checkValue(key, value) ?? (key === 'macros' ? macroBounds(valueNode) : undefined)
    if (problem) at(problem.offset ?? valueOffset, problem.code, problem.message, problem.hint)
    else data[key] = value
  }
  return { data: data as FrontMatterResult['data'], diagnostics }
}

interface Problem {
  code: string
  message: string
  hint?: string
  /** Where to report it, if not at the value's start. */
  offset?: number
}

/** The longest `description`: what the home page, a link preview and the feed show of a session. */
export const MAX_DESCRIPTION = 300

/** Bounds on front-matter macros (KaTeX lexes a macro's whole text at each use, see math-guard.ts). */
export const MAX_MACROS = 100
export const MAX_MACRO_LENGTH = 1_000

/** The first macro past {@link MAX_MACROS}, or the first longer than {@link MAX_MACRO_LENGTH}, at its key. */
function macroBounds(node: YamlNode | null): Problem | undefined {
  if (!isMap(node)) return undefined
  const keyAt = (i: number): number | undefined => (node.items[i]?.key as YamlNode)?.range?.[0]
  if (node.items.length > MAX_MACROS)
    return {
      code: 'front-matter-limit',
      message: `\`macros\` defines ${node.items.length} macros; at most ${MAX_MACROS} are allowed`,
      offset: keyAt(MAX_MACROS),
    }
  const long = node.items.findIndex((pair) => {
    const v = (pair.value as YamlNode | null)?.toJSON() as unknown
    return typeof v === 'string' && v.length > MAX_MACRO_LENGTH
  })
  if (long < 0) return undefined
  return {
    code: 'front-matter-limit',
    message: `macro \`${String((node.items[long]!.key as YamlNode).toJSON())}\` is longer than ${MAX_MACRO_LENGTH} characters`,
    hint: 'a macro stands for a short piece of TeX; write longer formulas out',
    offset: keyAt(long),
  }
}

function checkValue(key: string, value: unknown): Problem | undefined {
  const text = (v: unknown): boolean => typeof v === 'string' && v.trim() !== ''
  switch (key) {
    case 'title':
    case 'shortTitle':
    case 'group':
    case 'presenter':
    case 'section':
      return text(value)
        ? undefined
        : { code: 'front-matter-type', message: `\`${key}\` must be a non-empty string` }
    case 'description':
      return text(value) && (value as string).length <= MAX_DESCRIPTION
        ? undefined
        : {
            code: 'front-matter-type',
            message: `\`description\` must be a sentence or two about the session (a non-empty string of at most ${MAX_DESCRIPTION} characters)`,
          }
    case 'lang':
      return typeof value === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value)
        ? undefined
        : {
            code: 'front-matter-type',
            message: '`lang` must be a BCP 47 language tag such as `en`',
          }
    case 'date':
      return isIsoDate(value)
        ? undefined
        : {
            code: 'invalid-date',
            message: `\`date\` must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`,
          }
    case 'minutes':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 24 * 60
        ? undefined
        : {
            code: 'front-matter-type',
            message: "`minutes` must be the minutes planned for this file's slides (a number)",
          }
    case 'duration':
      return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 24 * 60
        ? undefined
        : {
            code: 'front-matter-type',
            message: '`duration` must be the session length in minutes (a positive number)',
          }
    case 'paper': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return {
          code: 'front-matter-type',
          message: '`paper` must be a mapping with `citation` and `url`',
        }
      const rec = value as Record<string, unknown>
      for (const k of Object.keys(rec)) {
        if (!PAPER_KEYS.includes(k)) {
          const guess = closest(k, PAPER_KEYS)
          return {
            code: 'front-matter-key',
            message: `unknown key \`paper.${k}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
          }
        }
        if (!text(rec[k]))
          return { code: 'front-matter-type', message: `\`paper.${k}\` must be a non-empty string` }
      }
      if (rec.url !== undefined && !/^https?:\/\//.test(String(rec.url)))
        return {
          code: 'front-matter-type',
          message: '`paper.url` must start with https:// or http://',
        }
      return undefined
    }
    case 'csl':
      return typeof value === 'string' && /^[^/\\][^\\]*\.csl$/.test(value) && !value.includes('..')
        ? undefined
        : {
            code: 'front-matter-type',
            message:
              '`csl` must name a `.csl` citation style file in the session folder, e.g. `ieee.csl`',
          }
    case 'macros': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return {
          code: 'front-matter-type',
          message: '`macros` must map macro names to TeX, e.g. `"\\\\R": "\\\\mathbb{R}"`',
        }
      for (const [k, v] of Object.entries(value)) {
        if (!/^\\[a-zA-Z]+$/.test(k) || typeof v !== 'string')
          return {
            code: 'front-matter-type',
            message: `macro \`${k}\` must be named \\\\name and map to a TeX string`,
          }
      }
      return undefined
    }
    default:
      return undefined
  }
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** Where a YAML error is reported: an unclosed quote at its opening quote, not at the text's end. */
function errorOffset(doc: Document, err: YAMLError): number {
  let at = err.pos[0]
  if (err.code === 'MISSING_CHAR' && err.message.includes('quote')) {
    visit(doc, {
      Scalar(_key, node) {
        const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
        if (quoted && node.range?.[1] === err.pos[0]) {
          at = node.range[0]
          return visit.BREAK
        }
      },
    })
  }
  return at
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

/** The allowed word nearest to `word` by edit distance, if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = c
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    prev = cur
  }
  return prev[b.length]!
}
