// Keys a deck chooses (bibliography and citation keys, front-matter keys, attribute names, chart
// options) are data, never property names: a record of them has no prototype, and a lookup asks
// for own keys only, so `__proto__`, `constructor` or `toString` are keys like any other.

/** An empty record with no prototype: `record.constructor` is undefined, `__proto__` a plain key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** A record of `entries` with no prototype (each key defined as an own property, `__proto__` too). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = emptyRecord<T>()
  for (const [key, value] of entries)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  return out
}

/** `record[key]` if `key` is the record's own, else undefined (never a value of its prototype). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** Whether `key` names a property every object inherits (`constructor`, `toString`, `__proto__` …). */
export function isPrototypeKey(key: string): boolean {
  return key === '__proto__' || key in Object.prototype
}
