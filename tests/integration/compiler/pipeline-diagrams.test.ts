// The pipeline draws a deck's new Mermaid diagrams itself (a caller of `compile` needs no
// pre-pass), and a browser kept warm draws an edited one without a launch.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck, createIncrementalCompiler } from '../../../src/compiler/index.ts'
import { closeMermaidBrowser, keepMermaidWarm } from '../../../src/compiler/mermaid.ts'

const root = mkdtempSync(join(tmpdir(), 'deck-pipeline-diagrams-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

it('draws a new diagram in its `diagrams` stage, and a recompile launches no browser', async () => {
  const deck = join(root, 'slides', '2025-01-01-d')
  mkdirSync(deck, { recursive: true })
  writeFileSync(
    join(deck, '01.md'),
    '---\ntitle: T\n---\n\n# D\n\n```mermaid\nflowchart LR\n  A[Draft] --> B[Final]\n```\n',
  )
  // Without drawing, the diagram is missing.
  expect(compileDeck(deck, { root }).diagnostics.map((d) => d.code)).toEqual(['mermaid-missing'])
  const compiler = createIncrementalCompiler(deck, { root })
  const result = await compiler.run()
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
  expect(result.deck.slides[0]!.html).toContain('<figure class="deck-mermaid"><svg')
  expect(compiler.stats.diagrams).toMatchObject({ blocks: 1, rendered: 1, launched: true })
  await compiler.run()
  expect(compiler.stats.diagrams).toMatchObject({ blocks: 1, rendered: 0, launched: false })
})

it('kept warm, draws an edited diagram in the browser already open', async () => {
  const deck = join(root, 'slides', '2025-01-02-warm')
  mkdirSync(deck, { recursive: true })
  const write = (label: string): void =>
    writeFileSync(
      join(deck, '01.md'),
      `---\ntitle: T\n---\n\n# D\n\n\`\`\`mermaid\nflowchart LR\n  A[${label}] --> B[Final]\n\`\`\`\n`,
    )
  keepMermaidWarm(60_000)
  try {
    const compiler = createIncrementalCompiler(deck, { root })
    write('First')
    await compiler.run()
    expect(compiler.stats.diagrams).toMatchObject({ rendered: 1, launched: true })
    write('Edited')
    const result = await compiler.run()
    expect(compiler.stats.diagrams).toMatchObject({ rendered: 1, launched: false })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(result.deck.slides[0]!.html).toMatch(/<text[^>]*>(<tspan[^>]*>)*Edited/)
  } finally {
    keepMermaidWarm(0)
    await closeMermaidBrowser()
  }
  // Closed: the next diagram launches a browser again.
  write('Again')
  const compiler = createIncrementalCompiler(deck, { root })
  await compiler.run()
  expect(compiler.stats.diagrams).toMatchObject({ rendered: 1, launched: true })
})
