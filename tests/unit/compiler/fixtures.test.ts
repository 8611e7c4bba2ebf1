// Fixture-driven tests: tests/fixtures/{split,render,errors}/*.txt, one test per fixture.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitFile } from '../../../src/compiler/split.ts'
import { compactMath, compileText, formatAll, renderBody, ROOT } from '../../helpers/deck.ts'
import { readFixtures } from '../../helpers/fixtures.ts'

const dir = (name: string): string => resolve(ROOT, 'tests/fixtures', name)

describe('split', () => {
  for (const f of readFixtures(dir('split'))) {
    it(`${f.where} ${f.title}`, () => {
      const result = splitFile({ absPath: '/x/deck.md', path: 'deck.md', text: f.input })
      const out = [
        ...(result.frontMatter
          ? [`[front matter at line ${result.frontMatter.firstLine + 1}]`, result.frontMatter.text]
          : []),
        ...result.slides.flatMap((s) => [`[slide at line ${s.startLine + 1}]`, s.body]),
        ...result.diagnostics.map(
          (d) => `${d.file}:${d.line}:${d.column + 1}: ${d.severity}: ${d.message} [${d.code}]`,
        ),
      ]
      expect(out.join('\n')).toBe(f.expected)
    })
  }
})

describe('render', () => {
  for (const f of readFixtures(dir('render'))) {
    it(`${f.where} ${f.title}`, () => {
      const { html, result } = renderBody(f.input)
      expect(formatAll(result)).toBe('')
      expect(compactMath(html)).toBe(f.expected.trim())
    })
  }
})

describe('errors', () => {
  for (const f of readFixtures(dir('errors'))) {
    it(`${f.where} ${f.title}`, () => {
      const text = f.input.startsWith('---\n') ? f.input : `---\ntitle: T\n---\n${f.input}`
      expect(formatAll(compileText({ '01.md': text }))).toBe(f.expected)
    })
  }
})
