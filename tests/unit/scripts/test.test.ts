// scripts/test.mjs (`npm test`): its stages, the CPU time read from the shell's `times`, and the
// table it ends with.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cpuOfTimes, STAGES, table } from '../../../scripts/test.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')

describe('npm test', () => {
  it('runs every stage in order, each an npm script, the browser tests after the build', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(pkg.scripts.test).toBe('node scripts/test.mjs')
    expect(STAGES.map((s) => s.name)).toEqual([
      'typecheck',
      'lint',
      'unit',
      'integration',
      'build',
      'browser',
    ])
    for (const stage of STAGES) expect(pkg.scripts[stage.script], stage.name).toBeDefined()
    expect(pkg.scripts['test:unit']).toBe('vitest run --project unit')
    expect(STAGES.find((s) => s.name === 'browser')?.needs).toBe('build')
  })

  it("reads the children's user + system time from the second line of `times`", () => {
    expect(cpuOfTimes('0m0.010s 0m0.003s\n1m2.500s 0m4.250s\n')).toBeCloseTo(66.75)
    expect(cpuOfTimes('0m0,010s 0m0,003s\n')).toBeUndefined()
    expect(cpuOfTimes('')).toBeUndefined()
  })

  it('ends with a table of every stage, a failed or skipped one marking the total', () => {
    const ok = { result: 'ok', wall: 12.34, cpu: 20 }
    expect(table([{ name: 'unit', ...ok }], 15)).toBe(
      [
        'stage  result    wall     cpu',
        'unit   ok      12.3 s  20.0 s',
        'total  ok      15.0 s',
      ].join('\n'),
    )
    const text = table(
      [
        { name: 'build', result: 'failed (1)', wall: 3, cpu: 2 },
        { name: 'browser', result: 'skipped (build failed)' },
      ],
      3.5,
    )
    expect(text).toMatch(/^build\s+failed \(1\)\s+3\.0 s\s+2\.0 s$/m)
    expect(text).toMatch(/^browser\s+skipped \(build failed\)\s+\?\s+\?$/m)
    expect(text).toMatch(/^total\s+FAILED\s+3\.5 s$/m)
  })
})
