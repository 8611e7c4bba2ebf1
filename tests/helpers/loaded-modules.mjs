// `node --import ./tests/helpers/loaded-modules.mjs …`: writes every module the process loaded to
// the file named by LOADED_MODULES_LOG, one URL or path a line — ES modules as the loader loads
// them (module hooks), CommonJS ones from require.cache at exit — so a test can see what a command
// loaded. Loads no TypeScript loader itself.
import { appendFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'

const log = process.env.LOADED_MODULES_LOG
if (log) {
  register('./loaded-modules-hooks.mjs', import.meta.url, { data: { log } })
  const require = createRequire(import.meta.url)
  process.on('exit', () => {
    const lines = Object.keys(require.cache)
    appendFileSync(log, lines.map((path) => `cjs ${path}\n`).join(''))
    appendFileSync(log, `execArgv ${JSON.stringify(process.execArgv)}\n`)
  })
}
