// Expressions in a chart spec (`calculate`, `filter`, `test`, `expr`, `labelExpr`, …) are parsed
// with vega-expression and checked against an allow-list before anything draws: node types, names,
// functions, and property names that could reach a prototype or a constructor. The drawing then
// evaluates them with vega-interpreter (never Vega's Function-based code generator); this check
// refuses early, at the expression's position, what the interpreter would only skip.
import { parseExpression } from 'vega-expression'
import { ChartProblem } from './problem.ts'
import { PROTOTYPE_KEYS, type PathStep, type SpecText, type SpecValue } from './spec-text.ts'

/** The AST node types an expression may have (no regular expression literals: see below). */
const NODE_TYPES = new Set([
  'Literal',
  'Identifier',
  'MemberExpression',
  'CallExpression',
  'BinaryExpression',
  'LogicalExpression',
  'UnaryExpression',
  'ConditionalExpression',
  'ArrayExpression',
  'ObjectExpression',
  'Property',
])

/** Property names never read, in any spelling an expression can write. */
const FORBIDDEN_PROPERTIES = new Set([
  ...PROTOTYPE_KEYS,
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'call',
  'apply',
  'bind',
])

/** Vega's constants. */
const CONSTANTS = new Set([
  'NaN',
  'E',
  'LN2',
  'LN10',
  'LOG2E',
  'LOG10E',
  'PI',
  'SQRT1_2',
  'SQRT2',
  'MIN_VALUE',
  'MAX_VALUE',
])

/** Names an expression of a static chart may read besides its parameters. */
const NAMES = new Set(['datum', 'width', 'height', 'padding', 'parent', ...CONSTANTS])

/**
 * Vega's expression functions a static chart may call: types, maths, dates, text, arrays,
 * formatting, colours. Left out: the regular-expression functions (`regexp`, `test`; a pattern can
 * backtrack for minutes), random numbers and `now` (a build must not change from run to run), and
 * everything about scales, data sets, events and the view, which a spec reaches with its own syntax.
 */
export const FUNCTIONS = new Set([
  // types
  'isArray',
  'isBoolean',
  'isDate',
  'isDefined',
  'isNumber',
  'isObject',
  'isString',
  'isValid',
  'toBoolean',
  'toDate',
  'toNumber',
  'toString',
  'if',
  // maths
  'isNaN',
  'isFinite',
  'abs',
  'acos',
  'asin',
  'atan',
  'atan2',
  'ceil',
  'clamp',
  'cos',
  'exp',
  'floor',
  'hypot',
  'log',
  'max',
  'min',
  'pow',
  'round',
  'sin',
  'sqrt',
  'tan',
  // dates
  'datetime',
  'date',
  'day',
  'dayofyear',
  'year',
  'quarter',
  'month',
  'week',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
  'time',
  'timezoneoffset',
  'utc',
  'utcdate',
  'utcday',
  'utcdayofyear',
  'utcyear',
  'utcquarter',
  'utcmonth',
  'utcweek',
  'utchours',
  'utcminutes',
  'utcseconds',
  'utcmilliseconds',
  // arrays
  'extent',
  'clampRange',
  'indexof',
  'inrange',
  'join',
  'lastindexof',
  'length',
  'lerp',
  'peek',
  'reverse',
  'slice',
  'span',
  // text and formatting
  'dayFormat',
  'dayAbbrevFormat',
  'format',
  'monthFormat',
  'monthAbbrevFormat',
  'timeFormat',
  'timeParse',
  'utcFormat',
  'utcParse',
  'lower',
  'pad',
  'parseFloat',
  'parseInt',
  'replace',
  'substring',
  'trim',
  'truncate',
  'upper',
  // colours
  'rgb',
  'hsl',
  'lab',
  'hcl',
  'luminance',
  'contrast',
])

/** A node of vega-expression's tree (ESTree shapes), read by its `type`. */
type ExpressionNode = { type: string }

/** Why an expression is refused, and the index in it (when known). */
interface Refused {
  message: string
  index?: number
}

/** Which names an expression may read and which functions it may call. */
interface Policy {
  name(name: string): boolean
  call(name: string): boolean
}

function checkNode(node: ExpressionNode, policy: Policy): Refused | undefined {
  if (!NODE_TYPES.has(node.type)) return { message: `\`${node.type}\` is not allowed` }
  const n = node as unknown as Record<string, unknown>
  switch (node.type) {
    case 'Literal':
      if (n.regex) return { message: 'regular expressions are not allowed' }
      return undefined
    case 'Identifier': {
      const name = String(n.name)
      return policy.name(name) ? undefined : { message: `unknown name \`${name}\`` }
    }
    case 'MemberExpression': {
      const property = n.property as Record<string, unknown>
      const key = n.computed
        ? property.type === 'Literal' && !property.regex
          ? String(property.value)
          : undefined
        : String(property.name)
      if (key === undefined)
        return { message: 'a computed property must be a literal (`datum["name"]`)' }
      if (FORBIDDEN_PROPERTIES.has(key))
        return { message: `the property \`${key}\` is not allowed` }
      return checkNode(n.object as ExpressionNode, policy)
    }
    case 'CallExpression': {
      const callee = n.callee as Record<string, unknown>
      if (callee.type !== 'Identifier') return { message: 'only named functions can be called' }
      const name = String(callee.name)
      if (!policy.call(name))
        return { message: `the function \`${name}\` is not allowed in a chart expression` }
      for (const arg of n.arguments as ExpressionNode[]) {
        const bad = checkNode(arg, policy)
        if (bad) return bad
      }
      return undefined
    }
    case 'Property': {
      const key = n.key as Record<string, unknown>
      const name = key.type === 'Literal' ? String(key.value) : String(key.name)
      if (FORBIDDEN_PROPERTIES.has(name)) return { message: `the key \`${name}\` is not allowed` }
      return checkNode(n.value as ExpressionNode, policy)
    }
    default:
      for (const child of ['left', 'right', 'argument', 'test', 'consequent', 'alternate']) {
        const c = n[child] as ExpressionNode | undefined
        const bad = c && checkNode(c, policy)
        if (bad) return bad
      }
      for (const list of ['elements', 'properties']) {
        for (const c of (n[list] as ExpressionNode[] | undefined) ?? []) {
          const bad = checkNode(c, policy)
          if (bad) return bad
        }
      }
      return undefined
  }
}

/** Parses and checks one expression; `names` are the identifiers it may read. */
export function checkExpression(source: string, names: ReadonlySet<string>): Refused | undefined {
  let ast: ExpressionNode
  try {
    ast = parseExpression(source) as ExpressionNode
  } catch (err) {
    const e = err as { description?: string; message?: string; index?: number }
    const message = e.description ?? e.message ?? 'cannot be read'
    return {
      // vega-expression's word for JavaScript it does not have (`this`, `new`, `=`, functions).
      message:
        message === 'Disabled.'
          ? 'uses JavaScript that chart expressions do not have (`this`, `new`, assignment, functions)'
          : message,
      index: e.index,
    }
  }
  return checkNode(ast, { name: (n) => names.has(n), call: (f) => FUNCTIONS.has(f) })
}

/** Keys whose string value is an expression wherever they appear in a Vega-Lite spec. */
const EXPRESSION_KEYS = new Set(['calculate', 'expr', 'labelExpr'])
/** Keys whose value is a predicate: a string there is an expression, also inside and/or/not. */
const PREDICATE_KEYS = new Set(['filter', 'test'])

/** The names of the spec's parameters (`params: [{name}]` at any level). */
function paramNames(value: SpecValue, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) paramNames(v, into)
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === 'params' && Array.isArray(v))
        for (const p of v)
          if (p && typeof p === 'object' && !Array.isArray(p) && typeof p.name === 'string')
            into.add(p.name)
      paramNames(v, into)
    }
  return into
}

/** Offset of character `index` of the string value at `path` (past an opening quote). */
function offsetIn(
  spec: SpecText,
  text: string,
  path: PathStep[],
  index: number | undefined,
): number {
  const at = spec.locate(path)
  const quoted = text[at] === '"' || text[at] === "'"
  return at + (quoted ? 1 : 0) + (index ?? 0)
}

/**
 * Checks every expression of a Vega-Lite spec; the first refused one is thrown at its position.
 * Interactive parameters (`select`, `bind`) are refused: a chart drawn at build time has no events.
 */
export function checkSpecExpressions(spec: SpecText, text: string): void {
  const names = new Set([...NAMES, ...paramNames(spec.value)])
  const check = (source: string, path: PathStep[], what: string): void => {
    const bad = checkExpression(source, names)
    if (bad)
      throw new ChartProblem(
        offsetIn(spec, text, path, bad.index),
        'spec-expression',
        `${what}: ${bad.message}`,
      )
  }
  const predicate = (v: SpecValue, path: PathStep[], key: string): void => {
    if (typeof v === 'string') check(v, path, `\`${key}\` expression`)
    else if (Array.isArray(v)) v.forEach((x, i) => predicate(x, [...path, i], key))
    else if (v && typeof v === 'object')
      for (const logic of ['and', 'or', 'not'])
        if (Object.hasOwn(v, logic)) predicate(v[logic]!, [...path, logic], key)
  }
  const walk = (v: SpecValue, path: PathStep[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]))
    else if (v && typeof v === 'object')
      for (const [key, child] of Object.entries(v)) {
        const at = [...path, key]
        if (EXPRESSION_KEYS.has(key) && typeof child === 'string')
          check(child, at, `\`${key}\` expression`)
        else if (PREDICATE_KEYS.has(key)) predicate(child, at, key)
        if ((key === 'select' || key === 'bind') && path.at(-2) === 'params')
          throw new ChartProblem(
            spec.locateKey(at),
            'spec-interactive',
            `\`${key}\`: a chart drawn at build time is a picture, with no selections or inputs`,
          )
        walk(child, at)
      }
  }
  walk(spec.value, [])
}

/** Keys of a compiled Vega spec whose string value is an expression. */
const VEGA_EXPRESSION_KEYS = new Set(['signal', 'expr', 'update', 'init', 'test'])

/**
 * The compiled Vega spec's expressions, checked for what could leave the data: node types,
 * prototype and constructor properties, computed properties that are not literals. Names and
 * functions are Vega's own here (the compiler writes signal names and scale functions).
 */
export function checkVegaExpressions(vegaSpec: unknown): string | undefined {
  const policy: Policy = { name: () => true, call: (f) => f !== 'regexp' && f !== 'test' }
  let found: string | undefined
  const visit = (v: unknown, depth: number): void => {
    if (found !== undefined || depth > 200) return
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1)
    else if (v && typeof v === 'object')
      for (const [key, child] of Object.entries(v)) {
        if (VEGA_EXPRESSION_KEYS.has(key) && typeof child === 'string') {
          try {
            found = checkNode(parseExpression(child), policy)?.message
          } catch {
            found = 'the compiled chart has an expression Vega cannot read'
          }
          if (found !== undefined) return
        }
        visit(child, depth + 1)
      }
  }
  visit(vegaSpec, 0)
  return found
}
