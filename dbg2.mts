import { readMermaid } from './src/compiler/mermaid.ts'
const block = 'flowchart LR\n  A["Policy $$\\pi_\\theta$$"] --> B["$$p(x_t \\mid x_{<t})$$"]\n'
const r = readMermaid(process.cwd(), block)!
const s = r.svg ?? JSON.stringify(r)
console.log(r.width, r.height, r.minFontPx, s.includes('$$'))
console.log(s.slice(s.indexOf('class="nodes"') - 20, s.indexOf('class="nodes"') + 2500))
