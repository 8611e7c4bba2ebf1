// The spec against Vega-Lite's own JSON schema (shipped with vega-lite), with one message for the
// likeliest mistake: the schema is a tree of alternatives, so a validator reports dozens of
// failures for one typo; we keep the kind of spec the author wrote (unit, layer, facet, …) and the
// deepest place most alternatives agree is wrong.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Validator, type OutputUnit } from '@cfworker/json-schema'
import { ChartProblem } from './problem.ts'
import type { PathStep, SpecText, SpecValue } from './spec-text.ts'

const require = createRequire(import.meta.url)

let validator: Validator | undefined
function schemaValidator(): Validator {
  if (!validator) {
    const schema = JSON.parse(
      readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'),
    ) as Record<string, unknown>
    validator = new Validator(schema, '7', false)
  }
  return validator
}

const COMBINATORS = new Set(['$ref', 'anyOf', 'allOf', 'oneOf', 'properties', 'items', 'if'])

/** `#/encoding/x` -> `['encoding', 'x']` (array indices as numbers). */
function pathOf(instanceLocation: string): PathStep[] {
  return instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

const valueAt = (value: SpecValue, path: PathStep[]): SpecValue | undefined => {
  let v: SpecValue | undefined = value
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = Array.isArray(v)
      ? v[step as number]
      : Object.hasOwn(v, String(step))
        ? v[String(step)]
        : undefined
  }
  return v
}

const shown = (v: SpecValue | undefined): string => {
  const s = JSON.stringify(v) ?? 'nothing'
  return s.length > 40 ? `${s.slice(0, 37)}…` : s
}

const where = (path: PathStep[]): string =>
  path.length
    ? `\`${path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.')}\``
    : 'the spec'

/** The top-level alternative (unit, layer, facet, …) an error belongs to. */
const branchOf = (e: OutputUnit): string =>
  /^#\/\$ref\/anyOf\/\d+/.exec(e.keywordLocation)?.[0] ?? ''

/** One positioned message for a failed validation. */
function explain(errors: OutputUnit[], spec: SpecText): ChartProblem {
  const leaves = errors.filter((e) => !COMBINATORS.has(e.keyword))
  // The kinds of spec whose required properties the spec has: the one the author meant.
  const branches = new Map<string, OutputUnit[]>()
  for (const e of leaves) {
    const b = branchOf(e)
    branches.set(b, [...(branches.get(b) ?? []), e])
  }
  const candidates = [...branches.values()].filter(
    (list) => !list.some((e) => e.keyword === 'required' && e.instanceLocation === '#'),
  )
  const depth = (e: OutputUnit): number => pathOf(e.instanceLocation).length
  const maxDepth = (list: OutputUnit[]): number => Math.max(...list.map(depth))
  const pool = (candidates.length ? candidates : [...branches.values()]).sort(
    (a, b) => maxDepth(b) - maxDepth(a) || a.length - b.length,
  )[0]
  if (!pool?.length) return new ChartProblem(spec.locate([]), 'spec-schema', 'not a Vega-Lite spec')
  const deepest = maxDepth(pool)
  const votes = new Map<string, OutputUnit[]>()
  for (const e of pool.filter((e) => depth(e) === deepest))
    votes.set(e.instanceLocation, [...(votes.get(e.instanceLocation) ?? []), e])
  const specific = (list: OutputUnit[]): number =>
    list.some((e) => ['enum', 'const', 'type'].includes(e.keyword)) ? 1 : 0
  const [location, atErrors] = [...votes.entries()].sort(
    ([, a], [, b]) => b.length - a.length || specific(b) - specific(a),
  )[0]!
  const path = pathOf(location)
  const value = valueAt(spec.value, path)
  if (atErrors.some((e) => e.keyword === 'false'))
    return new ChartProblem(
      spec.locateKey(path),
      'spec-schema',
      `unknown property \`${String(path.at(-1))}\` in ${where(path.slice(0, -1))}`,
    )
  const allowed = new Set<string>()
  for (const e of atErrors) {
    if (e.keyword === 'const') {
      const m = /match "(.*)"\.$/.exec(e.error)
      if (m) allowed.add(m[1]!)
    } else if (e.keyword === 'enum') {
      const m = /any of (\[.*\])\.?$/.exec(e.error)
      try {
        for (const v of JSON.parse(m?.[1] ?? '[]') as unknown[]) allowed.add(String(v))
      } catch {
        // An enum message we cannot read: the list is left out.
      }
    }
  }
  if (allowed.size) {
    const list = [...allowed]
    return new ChartProblem(
      spec.locate(path),
      'spec-schema',
      `${where(path)} is ${shown(value)}; it must be one of ${list.slice(0, 16).join(', ')}${list.length > 16 ? ', …' : ''}`,
    )
  }
  const types = new Set<string>()
  for (const e of atErrors)
    if (e.keyword === 'type')
      for (const m of e.error.matchAll(/Expected "([^"]+)"/g)) types.add(m[1]!)
  if (types.size)
    return new ChartProblem(
      spec.locate(path),
      'spec-schema',
      `${where(path)} is ${shown(value)}; it must be ${[...types].map((t) => `a${/^[aeiou]/.test(t) ? 'n' : ''} ${t}`).join(' or ')}`,
    )
  const required = atErrors.find((e) => e.keyword === 'required')
  if (required) {
    const name = /property "([^"]+)"/.exec(required.error)?.[1] ?? '?'
    return new ChartProblem(spec.locate(path), 'spec-schema', `${where(path)} needs \`${name}\``)
  }
  const first = atErrors[0]!
  return new ChartProblem(
    spec.locate(path),
    'spec-schema',
    `${where(path)} does not fit Vega-Lite's schema (${first.keyword}: ${first.error.replace(/\.$/, '')})`,
  )
}

/** Throws a positioned {@link ChartProblem} when the spec is not valid Vega-Lite. */
export function validateSpec(spec: SpecText): void {
  const result = schemaValidator().validate(spec.value)
  if (!result.valid) throw explain(result.errors, spec)
}
