// Bench input: writes a deterministic N-slide deck in our Markdown syntax, math on most slides.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** TeX a reading group on RL and language models writes: fractions, sums, sub/superscripts. */
const DISPLAY = [
  String.raw`\text{pass@}k = \mathbb{E}_{\text{problems}}\left[1 - \frac{\binom{n-c}{k}}{\binom{n}{k}}\right]`,
  String.raw`\nabla_\theta J(\theta) = \mathbb{E}_{\tau \sim \pi_\theta}\left[\sum_{t=0}^{T} \nabla_\theta \log \pi_\theta(a_t \mid s_t)\, A_t\right]`,
  String.raw`\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}`,
  String.raw`D_{\mathrm{KL}}(P \,\|\, Q) = \sum_{x} P(x) \log \frac{P(x)}{Q(x)}`,
  String.raw`\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right) V`,
  String.raw`V^\pi(s) = \sum_{a} \pi(a \mid s) \sum_{s', r} p(s', r \mid s, a)\left[r + \gamma V^\pi(s')\right]`,
  String.raw`\mathcal{L}_{\mathrm{CLIP}}(\theta) = \hat{\mathbb{E}}_t\left[\min\left(r_t(\theta)\hat{A}_t,\ \mathrm{clip}(r_t(\theta), 1-\epsilon, 1+\epsilon)\hat{A}_t\right)\right]`,
  String.raw`\hat{A}_i = \frac{r_i - \mathrm{mean}(\{r_1, \dots, r_G\})}{\mathrm{std}(\{r_1, \dots, r_G\})}`,
  String.raw`p(x_{1:T}) = \prod_{t=1}^{T} p(x_t \mid x_{<t})`,
  String.raw`\begin{aligned} \mathrm{pass@}1 &= \frac{c}{n} \\ \mathrm{pass@}n &= \mathbb{1}[c > 0] \end{aligned}`,
]

const INLINE = [
  String.raw`\pi_\theta`,
  String.raw`k = 256`,
  String.raw`\gamma \in [0, 1)`,
  String.raw`\hat{A}_t`,
  String.raw`\epsilon = 0.2`,
  String.raw`x_{<t}`,
  String.raw`\mathbb{E}[R]`,
  String.raw`O(n^2 d)`,
  String.raw`\beta\,D_{\mathrm{KL}}`,
  String.raw`\sqrt{d_k}`,
]

const TOPICS = [
  'Sampling',
  'Policy gradients',
  'Rewards',
  'Verifiers',
  'Attention',
  'Coverage',
  'Perplexity',
  'Distillation',
  'Baselines',
  'Exploration',
]

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same deck. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratedDeck {
  dir: string
  /** File names in order. */
  files: string[]
  slides: number
}

export interface GenerateOptions {
  slides?: number
  slidesPerFile?: number
  /** Share of slides with math (the first slide always has some). */
  mathShare?: number
  seed?: number
}

/** One slide's Markdown: a heading and one of a few layouts, with math unless `math` is false. */
export function slideMarkdown(n: number, rand: () => number, math: boolean): string {
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!
  const topic = `${pick(TOPICS)} ${n}`
  // Numbered so that formulas rarely repeat exactly, as in a real deck (the compiler caches
  // repeated formulas; a deck built from ten formulas would flatter it).
  let count = 0
  const inline = (): string =>
    math ? `$${pick(INLINE)},\\quad n_{${n}.${++count}}$` : 'the estimate'
  const display = (): string => `$$\n${pick(DISPLAY)} \\tag{${n}.${++count}}\n$$`
  const notes = `::: notes\nSay why ${topic.toLowerCase()} matters${math ? ` for ${inline()}` : ''}.\n:::`
  switch (n % 5) {
    case 0:
      return [
        `## ${topic}`,
        `We sample ${inline()} completions per problem and count the correct ones.`,
        math ? display() : 'The estimate is unbiased.',
        notes,
      ].join('\n\n')
    case 1:
      return [
        `## ${topic}: three observations`,
        `- The base model already covers ${inline()} {.fragment}`,
        `- Training sharpens the distribution around ${inline()} {.fragment}`,
        `- Coverage shrinks at large ${inline()} {.fragment}`,
        notes,
      ].join('\n')
    case 2:
      return [
        `## ${topic} in numbers`,
        '',
        '| Model | Metric | Value |',
        '| --- | --- | --- |',
        `| Base | ${inline()} | ${(rand() * 100).toFixed(1)} |`,
        `| RL | ${inline()} | ${(rand() * 100).toFixed(1)} |`,
        `| Distilled | ${inline()} | ${(rand() * 100).toFixed(1)} |`,
        '',
        notes,
      ].join('\n')
    case 3:
      return [
        `## ${topic}, side by side`,
        '',
        ':::: columns',
        '::: column',
        `**Before.** The policy ${inline()} samples freely.`,
        ':::',
        '::: column',
        `**After.** Rewards concentrate mass:`,
        '',
        math ? display() : 'fewer distinct answers.',
        ':::',
        '::::',
        '',
        notes,
      ].join('\n')
    default:
      return [
        `## ${topic}: the objective`,
        math ? display() : 'A plain-text slide.',
        `where ${inline()} and ${inline()} are as before. {.small}`,
        notes,
      ].join('\n\n')
  }
}

/** Writes the deck into `dir` (emptied first): `001-title.md` with front matter, then topic files. */
export function generateDeck(dir: string, options: GenerateOptions = {}): GeneratedDeck {
  const total = options.slides ?? 300
  const perFile = options.slidesPerFile ?? 5
  const share = options.mathShare ?? 0.9
  const rand = random(options.seed ?? 2025)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const files: string[] = []
  const frontMatter = [
    '---',
    'title: "A generated deck: sampling, rewards and coverage"',
    'shortTitle: "Generated deck"',
    'group: Reading is fun',
    'date: 2025-07-16',
    'presenter: The bench',
    'duration: 60',
    '---',
    '',
  ].join('\n')
  const title = [
    '# Sampling, rewards and coverage',
    '<!-- .slide: class="title-slide" -->',
    '',
    String.raw`How often does one of $k$ samples solve the problem? $$\text{pass@}k = 1 - \frac{\binom{n-c}{k}}{\binom{n}{k}}$$`,
    '',
    'The bench',
  ].join('\n')
  const slides = [title]
  for (let n = 1; n < total; n++) slides.push(slideMarkdown(n, rand, rand() < share))
  for (let i = 0; i * perFile < slides.length; i++) {
    const name = `${String(i + 1).padStart(3, '0')}-${i === 0 ? 'title' : `part-${i}`}.md`
    // A section every ten files, set by that file's front matter (it carries over).
    const head =
      i === 0 ? frontMatter : i % 10 === 1 ? `---\nsection: Part ${(i - 1) / 10 + 1}\n---\n\n` : ''
    const body = slides.slice(i * perFile, (i + 1) * perFile).join('\n\n---\n\n')
    writeFileSync(resolve(dir, name), `${head}${body}\n`)
    files.push(name)
  }
  return { dir, files, slides: slides.length }
}

/** The maths deck's one image: a small SVG line chart (drawn by hand, no script). */
const MATHS_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 270" width="480" height="270">
  <rect width="480" height="270" fill="#fff"/>
  <path d="M40 230 H460 M40 230 V20" stroke="#333" stroke-width="2" fill="none"/>
  <path d="M40 210 C120 150 200 90 300 70 S420 50 460 45" stroke="#1f6feb" stroke-width="3" fill="none"/>
  <path d="M40 150 C120 110 200 90 300 85 S420 82 460 80" stroke="#d1242f" stroke-width="3" stroke-dasharray="8 5" fill="none"/>
  <text x="250" y="262" font-size="24" text-anchor="middle" font-family="sans-serif">k (log scale)</text>
  <text x="16" y="130" font-size="24" text-anchor="middle" font-family="sans-serif" transform="rotate(-90 16 130)">pass@k</text>
</svg>
`

/** The maths deck's code, on two slides. */
const MATHS_CODE = [
  [
    '```python',
    'def pass_at_k(n: int, c: int, k: int) -> float:',
    '    """Unbiased pass@k from n samples, c of them correct."""',
    '    if n - c < k:',
    '        return 1.0',
    '    prod = 1.0',
    '    for i in range(n - c + 1, n + 1):',
    '        prod *= 1.0 - k / i',
    '    return 1.0 - prod',
    '```',
  ].join('\n'),
  [
    '```ts',
    'export function softmax(z: number[]): number[] {',
    '  const max = Math.max(...z)',
    '  const e = z.map((v) => Math.exp(v - max))',
    '  const sum = e.reduce((a, b) => a + b, 0)',
    '  return e.map((v) => v / sum)',
    '}',
    '```',
  ].join('\n'),
]

/**
 * A 36-slide deck in plain CommonMark (no container, no attribute syntax), as a deck written for
 * another tool would be: `---` between slides, 23 formulas (5 of them display) spread over the
 * slides, one SVG image, notes on most slides, a code block on two. One file.
 */
export function generateMathsDeck(dir: string): GeneratedDeck {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(resolve(dir, 'curve.svg'), MATHS_SVG)
  const slides: string[] = [
    [
      '# Sampling, rewards and the shape of pass@k',
      '',
      String.raw`What does $\text{pass@}k$ tell us about a policy $\pi_\theta$?`,
      '',
      'The bench',
    ].join('\n'),
  ]
  let inline = 0
  let display = 0
  for (let n = 1; n < 36; n++) {
    const topic = `${TOPICS[n % TOPICS.length]} ${n}`
    const lines = [`## ${topic}`, '']
    if (n === 9) {
      lines.push('![pass@k of the base model and the trained model, by k](curve.svg)', '')
    } else if (n === 14 || n === 27) {
      lines.push('The estimator, as code:', '', MATHS_CODE[n === 14 ? 0 : 1]!, '')
    } else if (n % 7 === 3 && display < 5) {
      lines.push('The quantity we estimate:', '', `$$\n${DISPLAY[display++ * 2]!}\n$$`, '')
    } else if (n % 2 === 0 && inline < 18) {
      lines.push(
        `- Sampling budget: we draw $${INLINE[inline++ % INLINE.length]!}$ per problem`,
        `- The trained policy concentrates mass on fewer answers`,
        `- Coverage at large $k$ shrinks`,
        '',
      )
      inline++
    } else {
      lines.push(
        'A paragraph of plain prose, as most slides of a talk have: what was done, how it was',
        'measured, and what the numbers mean for the claim on the slide before.',
        '',
      )
    }
    // Notes on most slides (reveal.js's `Note:` spelling, converted to ours below).
    if (n % 6 !== 5) lines.push('::: notes', `Say why ${topic.toLowerCase()} matters.`, ':::')
    slides.push(lines.join('\n').trimEnd())
  }
  const front = [
    '---',
    'title: "Sampling, rewards and the shape of pass@k"',
    'shortTitle: "Maths deck"',
    'group: Reading is fun',
    'date: 2025-07-16',
    'presenter: The bench',
    'duration: 45',
    '---',
    '',
  ].join('\n')
  writeFileSync(resolve(dir, '01-deck.md'), `${front}${slides.join('\n\n---\n\n')}\n`)
  return { dir, files: ['01-deck.md'], slides: slides.length }
}
