// What a command prints when it fails (src/cli/report.ts): an authoring problem as its diagnostics
// and annotations, even when Vite's build wrapped the DeckError; anything else as a few escaped
// lines, none of which GitHub reads as a workflow command.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeckError, diagnosticAtLine } from '../../../src/compiler/diagnostics.ts'
import { diagnosticsOf, reportFailure, shownPath } from '../../../src/cli/report.ts'

const printed = (): string[] => {
  const lines: string[] = []
  const keep = (...args: unknown[]): void =>
    void lines.push(...args.map(String).join(' ').split('\n'))
  vi.spyOn(console, 'log').mockImplementation(keep)
  vi.spyOn(console, 'error').mockImplementation(keep)
  return lines
}
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

const slideScript = new DeckError(
  [diagnosticAtLine('slides/d/02-x.md', 4, 0, { code: 'slide-script', message: 'a <script>' })],
  '/abs/slides/d/02-x.md',
)

describe('reportFailure', () => {
  it("prints the diagnostics of a DeckError that Vite's build wrapped, with annotations in CI", () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true')
    const lines = printed()
    const wrapped = Object.assign(new Error('Build failed with 1 error:\n[plugin deck:csp] …'), {
      errors: [slideScript],
    })
    expect(diagnosticsOf(wrapped)).toEqual(slideScript.diagnostics)
    reportFailure(wrapped)
    expect(lines).toEqual([
      'slides/d/02-x.md:5:1: error: a <script> [slide-script]',
      '::error file=slides/d/02-x.md,line=5,col=1,title=slide-script::a <script>',
      'build failed (1 error, 0 warnings); nothing was written',
    ])
  })

  it('prints any other error as escaped lines that never start with ::', () => {
    const lines = printed()
    reportFailure(new Error('first\n::error file=x,line=1::forged\n  ::warning::x\u001b[2J'))
    expect(lines).toEqual([
      'error: first',
      '\\x3a:error file=x,line=1::forged',
      '  \\x3a:warning::x\\x1b[2J',
    ])
    expect(diagnosticsOf(new Error('x'))).toBeUndefined()
  })
})

describe('shownPath', () => {
  it('escapes control characters in a path', () => {
    expect(shownPath(`${process.cwd()}/out\n::error::x`)).toBe('out\\x0a::error::x')
  })
})
