// Front matter: `minutes:` plans a file's time for the speaker view's pacing.
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileFiles } from '../../../src/compiler/index.ts'
import { renderSection } from '../../../src/compiler/assemble.ts'

const deck = (...texts: string[]) =>
  compileFiles(
    texts.map((text, i) => ({ absPath: `/deck/0${i + 1}.md`, path: `deck/0${i + 1}.md`, text })),
    { dir: 'deck', root: '.' },
  )

describe('minutes', () => {
  it("splits a file's planned minutes evenly over its slides, as data-minutes", () => {
    const { deck: compiled, diagnostics } = deck(
      '---\ntitle: T\nduration: 60\n---\n\n## Title\n',
      '---\nsection: Discussion\nminutes: 25\n---\n\n## One\n\n---\n\n## Two\n',
      '## Three\n',
    )
    expect(diagnostics.map(formatDiagnostic)).toEqual([])
    expect(compiled.slides.map((s) => s.attrs['data-minutes'])).toEqual([
      undefined,
      '12.5',
      '12.5',
      undefined,
    ])
    expect(renderSection(compiled.slides[1]!)).toContain('data-minutes="12.5"')
  })

  it('is an error when it is not a number, at its position', () => {
    const { diagnostics } = deck(
      '---\ntitle: T\n---\n\n## A\n',
      '---\nminutes: soon\n---\n\n## B\n',
    )
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "deck/02.md:2:10: error: `minutes` must be the minutes planned for this file's slides (a number) [front-matter-type]",
    ])
  })
})

describe('description', () => {
  it('is a string the deck carries in its metadata', () => {
    const { deck: compiled, diagnostics } = deck(
      '---\ntitle: T\ndescription: "Why RL finds what the base model already had."\n---\n\n## A\n',
    )
    expect(diagnostics.map(formatDiagnostic)).toEqual([])
    expect(compiled.meta.description).toBe('Why RL finds what the base model already had.')
  })

  it('is an error when empty, not a string or too long, at its position', () => {
    const errors = ['""', '[a, b]', `"${'x'.repeat(301)}"`].map((value) =>
      deck(`---\ntitle: T\ndescription: ${value}\n---\n\n## A\n`).diagnostics.map(formatDiagnostic),
    )
    for (const e of errors)
      expect(e).toEqual([
        'deck/01.md:3:14: error: `description` must be a sentence or two about the session (a non-empty string of at most 300 characters) [front-matter-type]',
      ])
  })

  it('can only be set in the first file', () => {
    const { diagnostics } = deck(
      '---\ntitle: T\n---\n\n## A\n',
      '---\ndescription: D\n---\n\n## B\n',
    )
    expect(diagnostics.map(formatDiagnostic)[0]).toMatch(
      /^deck\/02\.md:2:1: error: `description` can only be set in the deck's first file/,
    )
  })
})
