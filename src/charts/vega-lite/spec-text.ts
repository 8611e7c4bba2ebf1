// A chart spec's text (JSON or YAML) read into plain values with the offset of every value, so a
// problem found later (schema, expression, data) is reported at its line and column in the block.
// JSON is read by a small strict parser of our own (the engine's JSON.parse messages quote the
// text and give no line); YAML by the `yaml` package's document API (core schema, no aliases).
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml'
import { ChartProblem } from './problem.ts'

/** A JSON value as read from the block. */
export type SpecValue =
  null | boolean | number | string | SpecValue[] | { [key: string]: SpecValue }

/** One step of a path into the spec: a property name or an array index. */
export type PathStep = string | number

/** The parsed spec and where each value starts in the text. */
export interface SpecText {
  value: SpecValue
  /** Offset in the text of the value at `path`, or of its deepest ancestor that exists. */
  locate(path: readonly PathStep[]): number
  /** Offset of the key of the property at `path` (its value's offset for array items). */
  locateKey(path: readonly PathStep[]): number
}

/** Keys that would reach an object's prototype if code ever looked them up. */
export const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

const pointer = (path: readonly PathStep[]): string =>
  path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

function locator(values: Map<string, number>): SpecText['locate'] {
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const at = values.get(pointer(path.slice(0, n)))
      if (at !== undefined) return at
    }
    return values.get('') ?? 0
  }
}

/** Builds a plain object; a prototype key is refused at its position. */
function setProperty(
  object: { [key: string]: SpecValue },
  key: string,
  value: SpecValue,
  at: number,
): void {
  if (PROTOTYPE_KEYS.has(key))
    throw new ChartProblem(at, 'spec-key', `the key \`${key}\` is not allowed in a chart spec`)
  if (Object.hasOwn(object, key))
    throw new ChartProblem(at, 'spec-key', `the key \`${key}\` is set twice`)
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/** A strict JSON reader (RFC 8259) that records offsets and bounds nesting. */
function parseJson(text: string, maxDepth: number): SpecText {
  const values = new Map<string, number>()
  const keys = new Map<string, number>()
  let i = 0
  const fail = (message: string, at = i): never => {
    throw new ChartProblem(at, 'spec-syntax', `JSON: ${message}`)
  }
  const describe = (): string =>
    i >= text.length ? 'the end of the block' : `\`${text[i] === '`' ? "'`'" : text[i]}\``
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const string = (): string => {
    const start = i
    i++
    let out = ''
    for (;;) {
      if (i >= text.length) fail('a string is not closed', start)
      const c = text[i]!
      if (c === '"') {
        i++
        return out
      }
      if (c < ' ') fail('a control character (a line break?) inside a string')
      if (c === '\\') {
        const e = text[i + 1]
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        }
        if (e !== undefined && Object.hasOwn(simple, e)) {
          out += simple[e]
          i += 2
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
          i += 6
        } else fail('a bad escape in a string')
        continue
      }
      out += c
      i++
    }
  }
  const value = (path: PathStep[], depth: number): SpecValue => {
    ws()
    if (depth > maxDepth)
      fail(`the spec is nested ${depth} levels deep; a chart spec may nest at most ${maxDepth}`)
    values.set(pointer(path), i)
    const c = text[i]
    if (c === '{') {
      i++
      const object: { [key: string]: SpecValue } = {}
      ws()
      if (text[i] === '}') {
        i++
        return object
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`)
        const keyAt = i
        const key = string()
        ws()
        if (text[i] !== ':') fail(`expected \`:\` after the property name, found ${describe()}`)
        i++
        keys.set(pointer([...path, key]), keyAt)
        const v = value([...path, key], depth + 1)
        setProperty(object, key, v, keyAt)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return object
        }
        fail(`expected \`,\` or \`}\`, found ${describe()}`)
      }
    }
    if (c === '[') {
      i++
      const array: SpecValue[] = []
      ws()
      if (text[i] === ']') {
        i++
        return array
      }
      for (;;) {
        array.push(value([...path, array.length], depth + 1))
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return array
        }
        fail(`expected \`,\` or \`]\`, found ${describe()}`)
      }
    }
    if (c === '"') return string()
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (number && number[0]) {
      i += number[0].length
      return Number(number[0])
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (text.startsWith(word, i)) {
        i += word.length
        return v
      }
    return fail(`expected a value, found ${describe()}`)
  }
  const result = value([], 0)
  ws()
  if (i < text.length) fail(`unexpected ${describe()} after the spec`)
  const locate = locator(values)
  return { value: result, locate, locateKey: (path) => keys.get(pointer(path)) ?? locate(path) }
}

/** YAML through the `yaml` package: its document keeps each node's range. */
function parseYaml(text: string, maxDepth: number): SpecText {
  let doc: ReturnType<typeof parseDocument>
  try {
    doc = parseDocument(text, {
      schema: 'core',
      uniqueKeys: true,
      merge: false,
      prettyErrors: false,
    })
  } catch (err) {
    // The parser recurses per nesting level: a pathological nesting overflows its stack.
    if (err instanceof RangeError)
      throw new ChartProblem(0, 'spec-syntax', 'YAML: the spec is nested too deeply to read')
    throw err
  }
  const [error] = doc.errors
  if (error) {
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw new ChartProblem(error.pos[0], 'spec-syntax', `YAML: ${message}`)
  }
  const values = new Map<string, number>()
  const keys = new Map<string, number>()
  const convert = (node: unknown, path: PathStep[], depth: number): SpecValue => {
    const at = (node as YamlNode | undefined)?.range?.[0] ?? 0
    if (depth > maxDepth)
      throw new ChartProblem(
        at,
        'spec-syntax',
        `the spec is nested ${depth} levels deep; a chart spec may nest at most ${maxDepth}`,
      )
    values.set(pointer(path), at)
    if (node == null) return null
    if (isAlias(node))
      throw new ChartProblem(at, 'spec-syntax', 'YAML: aliases (`*name`) are not allowed')
    if (isMap(node)) {
      const object: { [key: string]: SpecValue } = {}
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null
        const keyAt = keyNode?.range?.[0] ?? at
        if (!isScalar(keyNode) || typeof keyNode.value === 'object')
          throw new ChartProblem(keyAt, 'spec-syntax', 'YAML: a key must be plain text')
        const key = String(keyNode.value)
        keys.set(pointer([...path, key]), keyAt)
        const v = convert(pair.value, [...path, key], depth + 1)
        if (pair.value == null) values.set(pointer([...path, key]), keyAt)
        setProperty(object, key, v, keyAt)
      }
      return object
    }
    if (isSeq(node)) return node.items.map((item, n) => convert(item, [...path, n], depth + 1))
    if (isScalar(node)) {
      const v = node.value
      if (v === null || typeof v === 'boolean' || typeof v === 'string') return v
      if (typeof v === 'number') {
        if (!Number.isFinite(v))
          throw new ChartProblem(at, 'spec-syntax', 'YAML: a number must be finite')
        return v
      }
    }
    throw new ChartProblem(at, 'spec-syntax', 'YAML: only maps, lists, text, numbers, booleans')
  }
  const value = convert(doc.contents, [], 0)
  const locate = locator(values)
  return { value, locate, locateKey: (path) => keys.get(pointer(path)) ?? locate(path) }
}

/** Reads a spec's text; a problem is thrown as a {@link ChartProblem} at its offset. */
export function parseSpecText(text: string, format: 'json' | 'yaml', maxDepth: number): SpecText {
  if (text.trim() === '') throw new ChartProblem(0, 'spec-syntax', 'the chart spec is empty')
  return format === 'json' ? parseJson(text, maxDepth) : parseYaml(text, maxDepth)
}
