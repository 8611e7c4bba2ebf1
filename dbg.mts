import { prerenderMermaid, readMermaid } from './src/compiler/mermaid.ts'
import { mkdirSync, writeFileSync, rmSync } from 'node:fs'
const dir = '/tmp/mmath/slides/2025-01-01-m'
mkdirSync(dir, { recursive: true })
const block = 'flowchart LR\n  A["Policy $$\\pi_\\theta$$"] --> B["$$p(x_t \\mid x_{<t})$$"]\n'
writeFileSync(dir + '/01.md', '---\ntitle: T\n---\n# T\n\n```mermaid\n' + block + '```\n')
const stats = await prerenderMermaid([dir], process.cwd())
console.log(stats)
const r = readMermaid(process.cwd(), block)
console.log(JSON.stringify(r).slice(0, 3000))
