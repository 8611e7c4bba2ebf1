// Images: alt text is required; paths resolve next to the Markdown file, then in `assets/`, through
// the file-access policy. An SVG is inlined, sanitised, so it takes the deck's font and the theme's
// colours (CSS variables), and its `$…$` texts are typeset by KaTeX (svg-math.ts); other images are
// published as fingerprinted files.
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import { escapeHtml } from '../../shared/html.ts'
import {
  resolveImage as resolveIn,
  type Refusal,
  type ResolvedImage,
} from '../../untrusted/index.ts'
import { assetContext } from './attributes.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { checkGraphicText, shownWidth } from './graphic-size.ts'
import { inlineOffsetMapper } from './positions.ts'
import { typesetSvgMath } from './svg-math.ts'
import { curlMarkupText } from './typography.ts'

/**
 * Resolves an image reference to what the page shows (src/untrusted/'s image rules), reporting
 * what the SVG sanitiser removed from an inlined SVG as a warning at the image.
 */
export function resolveImage(
  src: string,
  env: RenderEnv,
  offset = 0,
): { url: string } | { svg: string } | Refusal {
  const result: ResolvedImage | Refusal = resolveIn(src, assetContext(env))
  if ('svg' in result && result.removed.length)
    reportAt(
      env,
      offset,
      'svg-removed',
      `removed ${result.removed.join(', ')} from \`${src}\` (not allowed in a deck's SVG)`,
      'warning',
    )
  return result
}

/** The `<svg>` of an inlined image: labelled by its alt text, with the image's attributes. */
function inlineSvg(svg: string, token: Token): string {
  const alt = token.content.trim()
  const attrs = (token.attrs ?? []).filter(([k]) => k !== 'src' && k !== 'alt')
  const cls = ['deck-svg', ...attrs.filter(([k]) => k === 'class').map(([, v]) => v)].join(' ')
  const extra = attrs
    .filter(([k]) => k !== 'class')
    .map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`)
    .join('')
  return svg.replace(/^<svg\b([^>]*)>/, (_m, a: string) => {
    // The alt text names the drawing; its own <title>/<desc> stay for the long description.
    const own = a.replace(/\s(role|aria-label|class)="[^"]*"/g, '')
    return `<svg${own} class="${escapeHtml(cls)}" role="img" aria-label="${escapeHtml(alt)}"${extra}>`
  })
}

/** Core rule `deck_images`: checks each image's alt text and resolves its path. */
function checkImages(state: StateCore): void {
  const env = envOf(state.env)
  state.tokens.forEach((block, index) => {
    if (block.type !== 'inline' || !block.children) return
    let searchFrom = 0
    let toBody: ((offset: number) => number) | undefined
    for (const child of block.children) {
      if (child.type !== 'image') continue
      const at = block.content.indexOf('![', searchFrom)
      searchFrom = at + 2
      const offset = (toBody ??= inlineOffsetMapper(block, env.body))(Math.max(0, at))
      const src = String(child.attrGet('src') ?? '')
      if (child.content.trim() === '')
        reportAt(
          env,
          offset,
          'image-alt',
          `image \`${src}\` has no alt text`,
          'error',
          'describe the image: ![what it shows](path)',
        )
      const result = resolveImage(src, env, offset)
      // The attribute policy must not read the URL written here as a path again.
      child.meta = { ...(child.meta as object | null), deckImage: true }
      if ('code' in result) {
        reportAt(env, offset, result.code, result.message)
        child.attrSet('src', '')
      } else if ('svg' in result) {
        child.meta = {
          ...(child.meta as object),
          svg: curlMarkupText(typesetSvgMath(result.svg, env, offset), 'svg'),
        }
        checkGraphicText(
          result.svg,
          shownWidth(state.tokens, index),
          env,
          offset,
          `image \`${src}\``,
        )
      } else child.attrSet('src', result.url)
    }
  })
}

export function imagesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_images', checkImages)
  const image = md.renderer.rules.image!
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const svg = (tokens[idx]!.meta as { svg?: string } | null)?.svg
    return svg ? inlineSvg(svg, tokens[idx]!) : image(tokens, idx, options, env, self)
  }
}
