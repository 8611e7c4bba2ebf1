// `npm run build` and `npm run check`: compiles the CLI into build/ first if a source changed since
// (scripts/build-cli.mjs), then runs it in the same process — one Node start, each module loaded
// once. The page shell's own staleness check runs when a build needs the shell
// (src/site/shell.ts `ensureShell`).
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { cliIsFresh, compileCli } from './build-cli.mjs'

if (!cliIsFresh()) compileCli()
// build/cli/main.js reads its arguments from process.argv after this script's path, as when run
// directly: `node scripts/cli.mjs build --slides x` is `node build/cli/main.js build --slides x`.
await import(pathToFileURL(join(import.meta.dirname, '../build/cli/main.js')).href)
