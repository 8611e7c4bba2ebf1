// Images: alt text is required; paths resolve next to the Markdown file, then in `assets/`.
import type { MarkdownIt, StateCore } from 'markdown-it'
import { existsSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { inlineOffsetMapper } from './positions.ts'

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile()

/** Resolves an image reference to a root-relative URL, or explains why it cannot. */
export function resolveImage(
  src: string,
  env: RenderEnv,
): { url: string } | { error: string; code: string } {
  if (/^data:image\//i.test(src)) return { url: src }
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src))
    return {
      code: 'remote-image',
      error: `image \`${src}\` is not a local file; the deck must work offline, so save it under assets/`,
    }
  let path: string
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0]!)
  } catch {
    path = src
  }
  const candidates = path.startsWith('/')
    ? [resolve(env.root, path.slice(1))]
    : [resolve(dirname(env.file.absPath), path), resolve(env.assetsDir, path)]
  const found = candidates.find(isFile)
  if (!found) {
    const tried = candidates.map((c) => relative(process.cwd(), c) || c).join(', ')
    return { code: 'missing-image', error: `image \`${src}\` not found (looked for ${tried})` }
  }
  const rel = relative(env.root, found)
  if (rel.startsWith('..') || isAbsolute(rel))
    return { code: 'missing-image', error: `image \`${src}\` is outside the project folder` }
  return { url: '/' + rel.split(sep).map(encodeURIComponent).join('/') }
}

/** Core rule `deck_images`: checks each image's alt text and resolves its path to a URL. */
function checkImages(state: StateCore): void {
  const env = envOf(state.env)
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue
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
      const result = resolveImage(src, env)
      if ('error' in result) reportAt(env, offset, result.code, result.error)
      else child.attrSet('src', result.url)
    }
  }
}

export function imagesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_images', checkImages)
}
