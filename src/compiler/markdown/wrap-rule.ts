// Wrapping a block rule already registered on markdown-it, to record what it knows but drops.
import type { MarkdownIt, StateBlock } from 'markdown-it'

export type BlockRule = (
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
) => boolean

/**
 * Replaces the block rule `name` by `wrap(original)`, keeping its place and `alt` chains.
 * markdown-it exposes no getter for a rule, so this reads its (untyped, long stable) `__rules__`
 * list; returns false, changing nothing, if the rule is not there.
 */
export function wrapBlockRule(
  md: MarkdownIt,
  name: string,
  wrap: (original: BlockRule) => BlockRule,
): boolean {
  type Rule = { name: string; fn: BlockRule; alt: string[] }
  const rules = (md.block.ruler as unknown as { __rules__?: Rule[] }).__rules__
  const rule = rules?.find((r) => r.name === name)
  if (!rule) return false
  md.block.ruler.at(name, wrap(rule.fn), { alt: [...rule.alt] })
  return true
}
