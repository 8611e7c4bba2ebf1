// Charts: ```chart and ```passk-explorer fences, drawn at build time into inline SVG with data tables.
import type { MarkdownIt, Token } from 'markdown-it'
import {
  ChartDataError,
  chartNames,
  defaults,
  getChart,
  EXPLORER_OPTIONS,
  explorerHtml,
  explorerSettings,
  parseOption,
  renderChart,
  type OptionSpec,
  type OptionValues,
} from '../../charts/index.ts'
import { shortHash } from '../../charts/svg.ts'
import { escapeHtml } from '../../shared/html.ts'
import { chartOverBudget, emptyRecord } from '../../untrusted/index.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { renderTex } from './math.ts'
import { checkGraphicText, shownWidth } from './graphic-size.ts'
import { lineStarts } from '../diagnostics.ts'
import { closest } from '../frontmatter.ts'

/** The explorer's formula, typeset by KaTeX at build time (no KaTeX code reaches the browser). */
const EXPLORER_TEX = String.raw`\text{pass@}k = \frac{1}{N}\sum_{i=1}^{N}\left[1-(1-p_i)^{k}\right]`

/** One non-blank line of a fence's body, with the body offset of its text. */
interface FenceLine {
  text: string
  offset: number
}

/** The fence's non-blank, non-comment (`#`) content lines, located in the slide body. */
function fenceLines(token: Token, env: RenderEnv): { lines: FenceLine[]; fenceOffset: number } {
  const starts = lineStarts(env.body)
  const first = token.map?.[0] ?? 0
  const lineText = (l: number): string =>
    env.body.slice(starts[l] ?? 0, (starts[l + 1] ?? env.body.length + 1) - 1)
  const fenceLine = lineText(first)
  const fenceOffset = (starts[first] ?? 0) + Math.max(0, fenceLine.search(/[`~]/))
  const lines: FenceLine[] = []
  token.content.split('\n').forEach((raw, i) => {
    const text = raw.trim()
    if (text === '' || text.startsWith('#')) return
    const l = first + 1 + i
    const at = lineText(l).indexOf(text)
    lines.push({ text, offset: (starts[l] ?? 0) + Math.max(0, at) })
  })
  return { lines, fenceOffset }
}

/** "did you mean …?" (with the frontmatter rule's notion of a typo), then the names available. */
function suggest(word: string, candidates: string[]): string {
  const best = closest(word, candidates)
  const list = candidates.join(', ')
  return best ? `did you mean \`${best}\`? (available: ${list})` : `available: ${list}`
}

/** Reads `key: value` lines against `specs`, reporting problems; returns values and their lines. */
function readOptions(
  lines: FenceLine[],
  specs: Record<string, OptionSpec>,
  env: RenderEnv,
  what: string,
): { values: OptionValues; at: Record<string, number> } {
  const values = defaults(specs)
  const at = emptyRecord<number>()
  for (const line of lines) {
    const match = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(line.text)
    if (!match) {
      reportAt(
        env,
        line.offset,
        'chart-option',
        `${what}: expected an option as \`key: value\`, got \`${line.text}\``,
        'error',
        `options: ${Object.keys(specs).join(', ')}`,
      )
      continue
    }
    const [, key = '', raw = ''] = match
    // Own keys only: `constructor: x` is an unknown option, not Object's constructor.
    const spec = Object.hasOwn(specs, key) ? specs[key] : undefined
    if (!spec) {
      reportAt(
        env,
        line.offset,
        'chart-option',
        `${what}: unknown option \`${key}\``,
        'error',
        suggest(key, Object.keys(specs)),
      )
      continue
    }
    if (Object.hasOwn(at, key)) {
      reportAt(
        env,
        line.offset,
        'chart-option',
        `${what}: option \`${key}\` is set twice`,
        'error',
        'keep one of the lines',
      )
      continue
    }
    const value = parseOption(key, spec, raw.trim())
    if (value instanceof Error) {
      reportAt(env, line.offset, 'chart-option', `${what}: ${value.message}`, 'error')
      continue
    }
    values[key] = value
    at[key] = line.offset
  }
  return { values, at }
}

function errorBox(message: string): string {
  return `<p class="deck-chart-error">${escapeHtml(message)}</p>\n`
}

/** ```chart: the first line names the chart, the others are its options. */
function chartFence(tokens: Token[], idx: number, env: RenderEnv): string {
  const token = tokens[idx]!
  const { lines, fenceOffset } = fenceLines(token, env)
  const names = chartNames()
  const [nameLine, ...optionLines] = lines
  if (!nameLine || nameLine.text.includes(':')) {
    reportAt(
      env,
      nameLine?.offset ?? fenceOffset,
      'chart-unknown',
      'a ```chart block must name its chart on its first line',
      'error',
      `available: ${names.join(', ')}`,
    )
    return errorBox('chart: no chart named')
  }
  const name = nameLine.text
  const spec = getChart(name)
  if (!spec) {
    reportAt(
      env,
      nameLine.offset,
      'chart-unknown',
      `unknown chart \`${name}\``,
      'error',
      suggest(name, names),
    )
    return errorBox(`unknown chart ${name}`)
  }
  const { values } = readOptions(optionLines, spec.options, env, `chart \`${name}\``)
  const id = `chart-${name}-${shortHash(`${env.file.path}:${env.startLine + (token.map?.[0] ?? 0)}`)}`
  try {
    const html = renderChart(
      name,
      values,
      { deckDir: env.roots.dirs[0] ?? '', roots: env.roots },
      id,
    )
    const over = chartOverBudget(html, name)
    if (over) {
      reportAt(env, nameLine.offset, over.code, over.message, 'error')
      return errorBox(`chart ${name}: over its budget`)
    }
    checkGraphicText(html, shownWidth(tokens, idx), env, nameLine.offset, `chart \`${name}\``)
    return html
  } catch (err) {
    if (!(err instanceof ChartDataError)) throw err
    reportAt(
      env,
      nameLine.offset,
      err.code,
      `chart \`${name}\`: ${err.message}`,
      'error',
      'fix the data file; every chart number comes from it',
    )
    return errorBox(`chart ${name}: ${err.message}`)
  }
}

/** ```passk-explorer: optional `key: value` defaults for the interactive widget. */
function explorerFence(token: Token, env: RenderEnv): string {
  const { lines, fenceOffset } = fenceLines(token, env)
  const { values, at } = readOptions(lines, EXPLORER_OPTIONS, env, 'passk-explorer')
  for (const model of ['base', 'rl'] as const) {
    const pass1 = Number(values[`${model}-pass1`])
    const solvable = Number(values[`${model}-solvable`])
    if (pass1 > solvable)
      reportAt(
        env,
        at[`${model}-pass1`] ?? at[`${model}-solvable`] ?? fenceOffset,
        'chart-option',
        `passk-explorer: \`${model}-pass1\` (${pass1}) is above \`${model}-solvable\` (${solvable}); pass@1 can't exceed the share of problems ever solved`,
        'error',
      )
  }
  const { state, config } = explorerSettings(values)
  const formula = renderTex(EXPLORER_TEX, true, env, () => fenceOffset)
  const id = `explorer-${shortHash(`${env.file.path}:${env.startLine + (token.map?.[0] ?? 0)}`)}`
  const html = explorerHtml(id, state, config, formula)
  // The explorer's chart sits in the widget's 700 px grid column.
  checkGraphicText(html, 700, env, fenceOffset, 'passk-explorer')
  return html
}

/**
 * Registers the chart fences on `md`: ```chart (a named card, from a data file in the deck's
 * folder) and ```passk-explorer (the pass@k widget, static until src/runtime/explorer loads). Other
 * fences go to the fence rule that was there before.
 */
export function chartsPlugin(md: MarkdownIt): void {
  const previous = md.renderer.rules.fence
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    const info = token.info.trim().split(/\s+/)[0]
    if (info === 'chart') return chartFence(tokens, idx, envOf(env))
    if (info === 'passk-explorer') return explorerFence(token, envOf(env))
    return previous
      ? previous(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options)
  }
}
