// Runs npm scripts side by side and prints each one's output whole when it ends (not
// interleaved); exits non-zero if any failed. `npm test` uses it for the typecheck and lint,
// which each leave a core idle part of the time:
//   node scripts/parallel.mjs typecheck lint
import { spawn } from 'node:child_process'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const runs = process.argv.slice(2).map(
  (script) =>
    new Promise((resolve) => {
      const child = spawn(npm, ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] })
      const out = []
      child.stdout.on('data', (d) => out.push(d))
      child.stderr.on('data', (d) => out.push(d))
      child.on('close', (code) => {
        process.stdout.write(`> npm run ${script}: ${code === 0 ? 'ok' : `failed (${code})`}\n`)
        process.stdout.write(Buffer.concat(out))
        resolve(code ?? 1)
      })
    }),
)
const codes = await Promise.all(runs)
process.exit(codes.some((code) => code !== 0) ? 1 : 0)
