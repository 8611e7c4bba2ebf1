// `npm test`: every stage of the suite, in order, then a table of each stage's result, wall time
// and CPU time (user + system, of the stage and every process it waited for). A failed stage does
// not stop the others, so one run tells every stage that fails; a stage whose input another stage
// makes (the browser tests need the build) is skipped when that one failed. Exits non-zero if any
// stage failed.
//
// The typecheck and the lint run side by side (each leaves a core idle part of the time), their
// output printed whole when each ends; the other stages run one after the other, their output as
// it comes.
//
//   node scripts/test.mjs              every stage
//   node scripts/test.mjs unit build   only these (in the suite's order)
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

/** The stages: the npm script each runs, what it needs, and which run side by side. */
export const STAGES = [
  { name: 'typecheck', script: 'typecheck', group: 'static' },
  { name: 'lint', script: 'lint', group: 'static' },
  { name: 'unit', script: 'test:unit' },
  { name: 'integration', script: 'test:integration' },
  { name: 'build', script: 'build' },
  { name: 'browser', script: 'test:browser', needs: 'build' },
]

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/**
 * Runs one npm script under `sh`, whose `times` builtin then writes the CPU time of every process
 * the shell waited for (npm, and what npm waited for in turn) to descriptor 3.
 */
function run(script, { buffer }) {
  return new Promise((done) => {
    const start = performance.now()
    const child = spawn(
      'sh',
      ['-c', '"$0" run "$1"; status=$?; times >&3; exit $status', npm, script],
      { stdio: ['ignore', buffer ? 'pipe' : 'inherit', buffer ? 'pipe' : 'inherit', 'pipe'] },
    )
    const out = []
    const times = []
    child.stdout?.on('data', (d) => out.push(d))
    child.stderr?.on('data', (d) => out.push(d))
    child.stdio[3].on('data', (d) => times.push(d))
    child.on('close', (code) => {
      done({
        code: code ?? 1,
        wall: (performance.now() - start) / 1000,
        cpu: cpuOfTimes(Buffer.concat(times).toString()),
        output: Buffer.concat(out),
      })
    })
  })
}

/** Seconds of user + system time of the waited-for children, from `times`' second line. */
export function cpuOfTimes(text) {
  const line = text.trim().split('\n')[1] ?? ''
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(
    ([, m, s]) => Number(m) * 60 + Number(s),
  )
  return seconds.length === 2 ? seconds[0] + seconds[1] : undefined
}

const fmt = (s) => (s === undefined ? '?' : `${s.toFixed(1)} s`)

/** The report's table: one row per stage, and the whole run's wall time. */
export function table(results, wall) {
  const rows = [
    ['stage', 'result', 'wall', 'cpu'],
    ...results.map((r) => [r.name, r.result, fmt(r.wall), fmt(r.cpu)]),
    ['total', results.every((r) => r.result === 'ok') ? 'ok' : 'FAILED', fmt(wall), ''],
  ]
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

async function main() {
  const asked = process.argv.slice(2)
  const unknown = asked.filter((name) => !STAGES.some((s) => s.name === name))
  if (unknown.length > 0) {
    console.error(
      `unknown stage: ${unknown.join(', ')} (stages: ${STAGES.map((s) => s.name).join(', ')})`,
    )
    process.exit(2)
  }
  const stages = STAGES.filter((s) => asked.length === 0 || asked.includes(s.name))
  const start = performance.now()
  const results = new Map()
  for (let i = 0; i < stages.length;) {
    // This stage, and the ones after it of the same group.
    const now = [stages[i]]
    while (stages[i].group && stages[i + now.length]?.group === stages[i].group)
      now.push(stages[i + now.length])
    i += now.length
    const runs = now.map(async (stage) => {
      const needed = stage.needs && results.get(stage.needs)
      if (needed && needed.result !== 'ok') {
        results.set(stage.name, { name: stage.name, result: `skipped (${stage.needs} failed)` })
        return
      }
      if (now.length === 1) console.log(`\n> npm run ${stage.script}`)
      const r = await run(stage.script, { buffer: now.length > 1 })
      if (now.length > 1) {
        process.stdout.write(
          `\n> npm run ${stage.script}: ${r.code === 0 ? 'ok' : `failed (${r.code})`}\n`,
        )
        process.stdout.write(r.output)
      }
      results.set(stage.name, {
        name: stage.name,
        result: r.code === 0 ? 'ok' : `failed (${r.code})`,
        wall: r.wall,
        cpu: r.cpu,
      })
    })
    await Promise.all(runs)
  }
  const ordered = stages.map((s) => results.get(s.name))
  console.log(`\n${table(ordered, (performance.now() - start) / 1000)}`)
  const failed = ordered.filter((r) => r.result !== 'ok').map((r) => r.name)
  if (failed.length > 0) console.log(`\nfailed or skipped: ${failed.join(', ')}`)
  process.exit(failed.length > 0 ? 1 : 0)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
