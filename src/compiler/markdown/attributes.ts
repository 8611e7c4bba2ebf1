// Attributes a deck sets on Markdown's own elements (through `{…}` attributes and
// `<!-- .element -->` comments) and on the slide (`<!-- .slide -->`): each goes through the
// attribute policy of src/untrusted/ (raw HTML's attributes go through it in the sanitizer); a
// refusal is an error at the attribute's place.
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import {
  policeAttribute as policeAttributeIn,
  type AssetContext,
  type Refusal,
} from '../../untrusted/index.ts'
import { lineOffset } from '../diagnostics.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'

/** The asset context of the slide being rendered. */
export function assetContext(env: RenderEnv): AssetContext {
  return {
    fromFile: env.file.absPath,
    roots: env.roots,
    assetsDir: env.assetsDir,
    inline: env.inlineAssets,
    published: env.assets,
  }
}

/** Checks one attribute of the slide being rendered (see the attribute policy). */
export function policeAttribute(
  tag: string,
  name: string,
  value: string,
  env: RenderEnv,
): { value: string } | Refusal {
  return policeAttributeIn(tag, name, value, assetContext(env))
}

/** Where in the slide body an attribute value was written (best effort: its first occurrence). */
export function offsetOfValue(env: RenderEnv, value: string, fallback: number): number {
  const at = value ? env.body.indexOf(value) : -1
  return at >= 0 ? at : fallback
}

/** Core rule `deck_attributes`: every attribute of every token, and the slide's, through the policy. */
function policeTokens(state: StateCore): void {
  const env = envOf(state.env)
  const visit = (token: Token, line: number): void => {
    const placed =
      token.type === 'image' && (token.meta as { deckImage?: boolean } | null)?.deckImage
    if (token.attrs)
      token.attrs = token.attrs.flatMap(([name, value]) => {
        // An image's src was resolved by the images rule (markdown/images.ts).
        if (placed && name === 'src') return [[name, value] as [string, string]]
        const result = policeAttribute(token.tag || 'span', name, String(value), env)
        if ('code' in result) {
          reportAt(
            env,
            offsetOfValue(env, String(value), lineOffset(env.body, line)),
            result.code,
            result.message,
          )
          return []
        }
        return [[name, result.value] as [string, string]]
      })
    for (const child of token.children ?? []) visit(child, line)
  }
  for (const token of state.tokens) visit(token, token.map?.[0] ?? 0)
  for (const [name, value] of Object.entries(env.slideAttrs)) {
    if (name === 'id' || name === 'class') continue
    const result = policeAttribute('section', name, value, env)
    if ('code' in result) {
      reportAt(env, offsetOfValue(env, value, 0), result.code, result.message)
      delete env.slideAttrs[name]
    } else env.slideAttrs[name] = result.value
  }
}

export function attributesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_attributes', policeTokens)
}
