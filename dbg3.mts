import { prerenderMermaid } from './src/compiler/mermaid.ts'
import { compileDeck } from './src/compiler/index.ts'
import { mkdirSync, writeFileSync } from 'node:fs'
const root = '/tmp/mm2'; const deck = root + '/slides/2025-01-01-d'
mkdirSync(deck, { recursive: true })
writeFileSync(deck + '/01.md', '---\ntitle: T\n---\n# T\n\n```mermaid\nflowchart LR\n  P["Policy $$\\pi_\\theta$$"] --> T["$$p(x_t \\mid x_1 \\ldots x_{t-1})$$"]\n  T --> N[Next token]\n```\n\n```mermaid\nflowchart LR\n  A["$$\\href{javascript:alert(1)}{x}$$"] --> B\n```\n')
await prerenderMermaid([deck], root)
const r = compileDeck(deck, { root })
console.log(r.diagnostics)
const h = r.deck.slides[0]!.html
for (const m of h.matchAll(/<g class="nodes">.*?<\/svg>/gs)) console.log(m[0].slice(0, 1500), '\n----')
