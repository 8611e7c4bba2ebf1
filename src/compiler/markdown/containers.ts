// Containers: `::: notes`, `:::: columns` / `::: column` and `::: fragment` fenced divs.
import type { MarkdownIt, StateCore } from 'markdown-it'
import container from 'markdown-it-container'
import { envOf, reportAt } from './env.ts'

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
 * markdown-it-container closes a fence that never ends at the end of its parent, silently.
 * A container whose last line is not a closing fence was never closed: report it.
 */
function checkClosed(state: StateCore): void {
  const env = envOf(state.env)
  const lines = env.body.split('\n')
  for (const token of state.tokens) {
    if (!token.type.startsWith('container_') || !token.type.endsWith('_open') || !token.map) continue
    const closing = lines[token.map[1]]?.trim() ?? ''
    if (!/^:{3,}$/.test(closing) || closing.length < token.markup.length) {
      const lineStart = lines.slice(0, token.map[0]).reduce((n, l) => n + l.length + 1, 0)
      const line = lines[token.map[0]] ?? ''
      reportAt(env, lineStart + line.indexOf(':'), 'unclosed-container', `\`${token.markup}${token.info}\` is never closed`, 'error', `add a line \`${token.markup}\` where it ends`)
    }
  }
}

export function containersPlugin(md: MarkdownIt): void {
  for (const [name, html] of Object.entries(CONTAINERS)) {
    md.use(container, name, {
      validate: matches(name),
      render: (tokens: { nesting: number }[], idx: number) => (tokens[idx]!.nesting === 1 ? `${html.open}\n` : `${html.close}\n`),
    })
  }
  md.core.ruler.push('deck_containers_closed', checkClosed)
}
