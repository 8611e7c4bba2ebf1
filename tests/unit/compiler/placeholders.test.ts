// `check` knows the template: what `npm run new` leaves for the presenter to write is a
// `template-placeholder` warning at its line until replaced (src/compiler/placeholders.ts).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli/new.ts'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import { PLACEHOLDERS } from '../../../src/compiler/placeholders.ts'
import { ROOT } from '../../helpers/deck.ts'

const TEMPLATE = resolve(ROOT, 'src/site/template')
const TMP = resolve(ROOT, `.tmp/placeholders-${process.pid}`)
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

function newSession(): string {
  mkdirSync(resolve(TMP, 'slides/_shared'), { recursive: true })
  writeFileSync(
    resolve(TMP, 'slides/_shared/ground-rules.md'),
    readFileSync(resolve(ROOT, 'slides/_shared/ground-rules.md'), 'utf8'),
  )
  rmSync(resolve(TMP, 'slides/2025-08-14-scaling-laws'), { recursive: true, force: true })
  return createSession('2025-08-14', 'Scaling laws', resolve(TMP, 'slides'))
}

describe('template placeholders', () => {
  it('each placeholder the check knows is in the template (the list cannot drift)', () => {
    const lines = readdirSync(TEMPLATE)
      .filter((n) => n.endsWith('.md'))
      .flatMap((n) => readFileSync(resolve(TEMPLATE, n), 'utf8').split('\n'))
    for (const p of PLACEHOLDERS)
      expect(
        lines.some((l) => (typeof p.find === 'string' ? l.includes(p.find) : p.find.test(l))),
        String(p.find),
      ).toBe(true)
  })

  it('a new session warns at each placeholder, by file, line and column', () => {
    const dir = newSession()
    const out = compileDeck(dir, { root: ROOT }).diagnostics.map(formatDiagnostic)
    const at = (file: string, line: number, col: number, what: string): string =>
      `${dir.slice(ROOT.length + 1)}/${file}:${line}:${col}: warning: \`${what}\` is a placeholder from \`npm run new\` [template-placeholder]`
    expect(out).toContain(at('01-title.md', 6, 12, 'Your Name'))
    expect(out).toContain(at('01-title.md', 9, 14, 'Author, A., & Author, B.'))
    expect(out).toContain(at('01-title.md', 9, 47, 'Title of the paper'))
    expect(out).toContain(at('01-title.md', 10, 3, 'url: https://arxiv.org/'))
    expect(out).toContain(at('03-background.md', 7, 3, 'What the audience needs to know first'))
    expect(out.every((l) => l.endsWith('[template-placeholder]'))).toBe(true)
  })

  it('the warnings go once the presenter has written the real text', () => {
    const dir = newSession()
    for (const name of readdirSync(dir)) {
      const path = resolve(dir, name)
      let text = readFileSync(path, 'utf8')
      text = text
        .replaceAll('Your Name', 'Ada Lovelace')
        .replaceAll('Author, A., & Author, B.', 'Kaplan, J., et al.')
        .replaceAll('Title of the paper', 'Scaling Laws for Neural Language Models')
        .replace('url: https://arxiv.org/', 'url: https://arxiv.org/abs/2001.08361')
        .replace(/^- (What|The key).*$/gm, '- Loss falls as a power law in model size')
        .replace(/^(What you will say|Where to read).*$/gm, 'We read the scaling laws together.')
        .replace('Author et al., Table 1', 'Kaplan et al. 2020, Fig. 1')
      writeFileSync(path, text)
    }
    expect(compileDeck(dir, { root: ROOT }).diagnostics.map(formatDiagnostic)).toEqual([])
  })
})
