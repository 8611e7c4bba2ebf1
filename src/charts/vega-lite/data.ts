// A chart's data: every `data: {url}` of the spec names a CSV, TSV or JSON file next to the deck,
// read only through the reader the caller supplies (the deck's file-access policy) and inlined as
// `values`, so Vega never loads anything. No scheme, no absolute path, no `..`: the network and
// the machine's other files are never reached. Rows and bytes are bounded; numbers are inferred
// per column (a column is numeric when every non-empty cell is a number).
import { createHash } from 'node:crypto'
import { csvParseRows, tsvParseRows } from 'd3-dsv'
import { ChartProblem, figure } from './problem.ts'
import { parseSpecText, type PathStep, type SpecText, type SpecValue } from './spec-text.ts'
import type { ChartLimits } from './limits.ts'

/** A file the reader let the chart read, or why not (the deck's file-access refusal). */
export type DataRead = { bytes: Uint8Array } | { code: string; message: string }

/** Reads a data file a spec names (relative to the deck's folder), through the deck's policy. */
export type DataReader = (ref: string) => DataRead

/** One data set of the chart, for the data table and the field check. */
export interface ChartData {
  /** The file's name as the spec wrote it, or `values` for inline data. */
  source: string
  columns: string[]
  rows: Record<string, SpecValue>[]
}

/** What the data step did: the spec with its files inlined, the data, and what was read. */
export interface InlinedData {
  spec: SpecValue
  data: ChartData[]
  /** Each file read and the SHA-256 of its bytes (a cache of drawn charts keys on them). */
  reads: { ref: string; sha256: string }[]
}

const RE_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** Why a `url` is refused before any reader sees it, or undefined. */
export function refuseDataUrl(ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref))
    return `\`${ref}\` is a URL: a chart reads only files in the deck's folder, never the network`
  if (ref.startsWith('/') || ref.startsWith('\\') || /^[a-z]:/i.test(ref))
    return `\`${ref}\` is an absolute path: name a file in the deck's folder (\`data.csv\`) or in \`_shared/\``
  if (ref.split(/[\\/]/).includes('..'))
    return `\`${ref}\` leaves the deck's folder (\`..\`): name a file in the deck's folder or in \`_shared/\``
  if (ref.includes('\\') || /[?#\0]/.test(ref))
    return `\`${ref}\` is not a plain file name (no \`\\\`, \`?\` or \`#\`)`
  if (!/\.(csv|tsv|json)$/i.test(ref)) return `\`${ref}\` is not a .csv, .tsv or .json file`
  return undefined
}

const isObject = (v: SpecValue | undefined): v is { [key: string]: SpecValue } =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** Rows of a CSV/TSV file: the first row names the columns. */
function tableRows(text: string, tsv: boolean): { columns: string[]; rows: SpecValue[][] } {
  const [head = [], ...body] = (tsv ? tsvParseRows : csvParseRows)(text)
  const columns = head.map((c, i) => c.trim() || `column ${i + 1}`)
  const numeric = columns.map((_c, i) =>
    body.every((r) => (r[i] ?? '').trim() === '' || RE_NUMBER.test((r[i] ?? '').trim())),
  )
  const rows = body
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) =>
      columns.map((_c, i) => {
        const cell = (r[i] ?? '').trim()
        if (cell === '') return null
        return numeric[i] ? Number(cell) : cell
      }),
    )
  return { columns, rows }
}

/** Inline rows as a data set: objects as they are, other values as `{data: value}` (as Vega does). */
function rowsOf(source: string, values: SpecValue[]): ChartData {
  const rows = values.map((v) => {
    if (isObject(v)) return v
    const row: Record<string, SpecValue> = {}
    setOwn(row, 'data', v)
    return row
  })
  return { source, columns: [...new Set(rows.flatMap((r) => Object.keys(r)))], rows }
}

/** A 1-based line and column of `offset` in `text`. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`
}

function setOwn(object: Record<string, SpecValue>, key: string, value: SpecValue): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/**
 * Replaces every `data: {url}` in the spec (at any level: layers, concatenations, lookups) by its
 * rows as `values`, and counts every data set against the limits. Throws a positioned problem.
 */
export function inlineData(spec: SpecText, read: DataReader, limits: ChartLimits): InlinedData {
  const data: ChartData[] = []
  const reads: InlinedData['reads'] = []
  const cache = new Map<string, ChartData>()
  let totalBytes = 0
  const countRows = (path: PathStep[], what: string, n: number): void => {
    if (n > limits.rows)
      throw new ChartProblem(
        spec.locate(path),
        'limit-rows',
        `${what} has ${figure(n)} rows; a chart may draw at most ${figure(limits.rows)}`,
      )
  }
  const load = (ref: string, format: SpecValue | undefined, path: PathStep[]): ChartData => {
    const urlPath = [...path, 'url']
    const refused = refuseDataUrl(ref)
    if (refused) throw new ChartProblem(spec.locate(urlPath), 'data-refused', refused)
    const key = JSON.stringify([ref, format ?? null])
    const seen = cache.get(key)
    if (seen) return seen
    const file = read(ref)
    if ('code' in file)
      throw new ChartProblem(spec.locate(urlPath), 'data-refused', `data: ${file.message}`)
    totalBytes += file.bytes.length
    if (totalBytes > limits.dataBytes)
      throw new ChartProblem(
        spec.locate(urlPath),
        'limit-data-bytes',
        `\`${ref}\` brings the chart's data to ${figure(totalBytes)} bytes; a chart may read at most ${figure(limits.dataBytes)}`,
      )
    reads.push({ ref, sha256: createHash('sha256').update(file.bytes).digest('hex') })
    const text = Buffer.from(file.bytes)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
    const type =
      isObject(format) && typeof format.type === 'string'
        ? format.type
        : (/\.(csv|tsv|json)$/i.exec(ref)?.[1] ?? '').toLowerCase()
    let result: ChartData
    if (type === 'csv' || type === 'tsv') {
      const { columns, rows } = tableRows(text, type === 'tsv')
      countRows(urlPath, `\`${ref}\``, rows.length)
      result = {
        source: ref,
        columns,
        rows: rows.map((r) => {
          const row: Record<string, SpecValue> = {}
          columns.forEach((c, i) => setOwn(row, c, r[i] ?? null))
          return row
        }),
      }
    } else if (type === 'json') {
      let parsed: SpecText
      try {
        parsed = parseSpecText(text, 'json', limits.depth)
      } catch (err) {
        if (!(err instanceof ChartProblem)) throw err
        const why = err.message.includes('nested')
          ? `is nested more than ${limits.depth} levels deep`
          : `is not valid JSON (${lineColumn(text, err.offset)})`
        throw new ChartProblem(spec.locate(urlPath), 'data-syntax', `\`${ref}\` ${why}`)
      }
      let value = parsed.value
      const property = isObject(format) ? format.property : undefined
      if (typeof property === 'string')
        for (const step of property.split('.'))
          value = isObject(value) && Object.hasOwn(value, step) ? value[step]! : null
      if (!Array.isArray(value))
        throw new ChartProblem(
          spec.locate(urlPath),
          'data-syntax',
          `\`${ref}\` must hold a list of rows${typeof property === 'string' ? ` at \`${property}\`` : ' (or name one with `format.property`)'}`,
        )
      countRows(urlPath, `\`${ref}\``, value.length)
      result = rowsOf(ref, value)
    } else
      throw new ChartProblem(
        spec.locate([...path, 'format', 'type']),
        'data-format',
        `data format \`${type}\` is not read; use csv, tsv or json`,
      )
    cache.set(key, result)
    data.push(result)
    return result
  }
  const walk = (v: SpecValue, path: PathStep[]): SpecValue => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]))
    if (!isObject(v)) return v
    if (path.at(-1) === 'data') {
      if (typeof v.url === 'string') {
        const loaded = load(v.url, v.format, path)
        const out: Record<string, SpecValue> = {}
        for (const [k, x] of Object.entries(v)) if (k !== 'url' && k !== 'format') setOwn(out, k, x)
        const format = isObject(v.format) ? v.format : undefined
        if (format && isObject(format.parse)) setOwn(out, 'format', { parse: format.parse })
        setOwn(out, 'values', loaded.rows)
        return out
      }
      if (typeof v.values === 'string')
        // Text in a format Vega reads (CSV, say): rows are its non-empty lines after the header.
        countRows(
          path,
          'inline `values`',
          v.values.split('\n').filter((l) => l.trim() !== '').length - 1,
        )
      if (Array.isArray(v.values)) {
        countRows(path, 'inline `values`', v.values.length)
        data.push(rowsOf('values', v.values))
      }
      if (isObject(v.sequence)) {
        const { start = 0, stop = 0, step = 1 } = v.sequence
        const n = Math.ceil((Number(stop) - Number(start)) / Number(step))
        if (!(n >= 0 && n <= limits.rows))
          throw new ChartProblem(
            spec.locate([...path, 'sequence']),
            'limit-rows',
            `the sequence has ${Number.isFinite(n) ? figure(n) : 'unbounded'} rows; a chart may draw at most ${figure(limits.rows)}`,
          )
      }
    }
    const out: Record<string, SpecValue> = {}
    for (const [k, x] of Object.entries(v)) setOwn(out, k, walk(x, [...path, k]))
    return out
  }
  if (isObject(spec.value) && isObject(spec.value.datasets))
    for (const [name, rows] of Object.entries(spec.value.datasets))
      if (Array.isArray(rows)) {
        countRows(['datasets', name], `dataset \`${name}\``, rows.length)
        data.push(rowsOf(name, rows))
      }
  return { spec: walk(spec.value, []), data, reads }
}
