// Module hooks for loaded-modules.mjs: logs each module URL as it loads (runs off the main thread).
import { appendFileSync } from 'node:fs'

let log = ''

export function initialize(data) {
  log = data.log
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('node:')) appendFileSync(log, `esm ${url}\n`)
  return nextLoad(url, context)
}
