// Containers: `::: notes`, `:::: columns` / `::: column` and `::: fragment` fenced divs.
import type { MarkdownIt } from 'markdown-it'
import container from 'markdown-it-container'
import { envOf, reportAt } from './env.ts'
import { wrapBlockRule } from './wrap-rule.ts'

/** Container names and the HTML each opens (Quarto's `{.name}` spelling is accepted too). */
const CONTAINERS: Record<string, { open: string; close: string }> = {
  notes: { open: '<aside class="notes">', close: '</aside>' },
  columns: { open: '<div class="columns">', close: '</div>' },
  column: { open: '<div class="column">', close: '</div>' },
  fragment: { open: '<div class="fragment">', close: '</div>' },
}

/** Matches `notes` or `{.notes}` after the colons. */
const matches = (name: string) => (params: string) => {
  const p = params.trim()
  return p === name || p === `{.${name}}`
}

/**
 * markdown-it-container closes a fence that never ends at the end of its parent, silently. Its
 * rule is wrapped to tell: a closed container's rule moves past the closing line, an unclosed
 * one stops at its parent's end (the `map[1]` of its open token).
 */
function reportUnclosed(md: MarkdownIt, name: string): void {
  wrapBlockRule(md, `container_${name}`, (rule) => (state, startLine, endLine, silent) => {
    const from = state.tokens.length
    if (!rule(state, startLine, endLine, silent)) return false
    const open = state.tokens[from]
    if (!silent && open?.map && state.line === open.map[1]) {
      reportAt(
        envOf(state.env),
        state.bMarks[startLine]! + state.tShift[startLine]!,
        'unclosed-container',
        `\`${open.markup}${open.info}\` is never closed`,
        'error',
        `add a line \`${open.markup}\` where it ends`,
      )
    }
    return true
  })
}

export function containersPlugin(md: MarkdownIt): void {
  for (const [name, html] of Object.entries(CONTAINERS)) {
    md.use(container, name, {
      validate: matches(name),
      render: (tokens: { nesting: number }[], idx: number) =>
        tokens[idx]!.nesting === 1 ? `${html.open}\n` : `${html.close}\n`,
    })
    reportUnclosed(md, name)
  }
}
