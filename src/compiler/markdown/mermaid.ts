// ```mermaid fences: the inline SVG the build's pre-pass drew in Chromium (src/compiler/mermaid.ts),
// read from its cache. The render stays sync; a Mermaid error is reported at its diagram line.
import type { MarkdownIt, Token } from 'markdown-it'
import { escapeHtml } from '../../shared/html.ts'
import { lineAt } from '../diagnostics.ts'
import { mermaidProblem, MERMAID_FONT_PX, readMermaid } from '../mermaid.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { fenceLanguage } from './fence-info.ts'
import { curlMarkupText } from './typography.ts'

/** The slide's room for a diagram, in CSS px (src/theme/code.css: max-height 460px). */
const ROOM = { width: 1200, height: 460 }
/** KaTeX's error colour around a command it would not run (its text starts with `\`). */
const RE_REFUSED_TEX = /color:#cc0000">(?:<[^>]*>)*(\\[a-zA-Z]+)/

/** Smallest label size on the 1280x720 slide. */
const MIN_LABEL_PX = 20

/** Body offset of the start of body line `line` (0-based), past its indentation and `>`s. */
function lineOffset(body: string, line: number): number {
  const { start, text } = lineAt(body, line)
  return start + (text.length - text.replace(/^[ \t>]*/, '').length)
}

function mermaidFence(token: Token, env: RenderEnv): string {
  const first = token.map?.[0] ?? 0
  const fenceAt = lineOffset(env.body, first)
  const result = readMermaid(env.root, token.content)
  if (!result) {
    reportAt(
      env,
      fenceAt,
      'mermaid-missing',
      mermaidProblem(env.root) ?? 'this Mermaid diagram has not been drawn yet',
      'error',
      mermaidProblem(env.root)
        ? undefined
        : 'diagrams are drawn before the compile by `npm run build`, `npm run check` and `npm start`',
    )
    return `<pre class="deck-mermaid-error"><code>${escapeHtml(token.content)}</code></pre>\n`
  }
  if (result.error || !result.svg) {
    const line = result.error?.line
    const at = line && line >= 1 ? lineOffset(env.body, first + line) : fenceAt
    reportAt(
      env,
      at,
      'mermaid-syntax',
      `Mermaid: ${result.error?.message ?? 'no diagram drawn'}`,
      'error',
      'see https://mermaid.js.org/intro/syntax-reference.html',
    )
    return `<pre class="deck-mermaid-error"><code>${escapeHtml(token.content)}</code></pre>\n`
  }
  // KaTeX (trust off) sets a command it refuses, such as `\href`, as red text: not a formula.
  const refused = RE_REFUSED_TEX.exec(result.svg)?.[1]
  if (refused) {
    reportAt(
      env,
      fenceAt,
      'mermaid-math',
      `a formula in this diagram uses \`${refused}\`, which KaTeX does not allow in a deck`,
      'error',
      'links, images and HTML classes are not allowed in maths; write the formula without them',
    )
    return `<pre class="deck-mermaid-error"><code>${escapeHtml(token.content)}</code></pre>\n`
  }
  if (result.svg.includes('$$')) {
    // Mermaid typesets `$$…$$` only when it reads the whole formula; a `<` in one starts HTML.
    reportAt(
      env,
      fenceAt,
      'mermaid-math',
      'a `$$…$$` formula in this diagram was not typeset: its `$$` would show as written',
      'error',
      'close every `$$`; inside a formula write `\\lt` and `\\gt` for < and >',
    )
    return `<pre class="deck-mermaid-error"><code>${escapeHtml(token.content)}</code></pre>\n`
  }
  const scale = Math.min(
    1,
    ROOM.width / (result.width ?? ROOM.width),
    ROOM.height / (result.height ?? ROOM.height),
  )
  const label = (result.minFontPx ?? MERMAID_FONT_PX) * scale
  if (label < MIN_LABEL_PX)
    reportAt(
      env,
      fenceAt,
      'mermaid-size',
      `the diagram (${Math.round(result.width ?? 0)}x${Math.round(result.height ?? 0)}px) is shrunk to fit the slide: its labels would be ${label.toFixed(1)}px, under ${MIN_LABEL_PX}px`,
      'warning',
      'split the diagram, or draw it left to right (`flowchart LR`) or top to bottom (`TB`) to fit 1200x460px',
    )
  return `<figure class="deck-mermaid">${curlMarkupText(result.svg, 'svg')}</figure>\n`
}

/** Registers the ```mermaid fence renderer; other fences go to the renderer before it. */
export function mermaidPlugin(md: MarkdownIt): void {
  const previous = md.renderer.rules.fence
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    if (fenceLanguage(token.info) === 'mermaid') return mermaidFence(token, envOf(env))
    return previous
      ? previous(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options)
  }
}
