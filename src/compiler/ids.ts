// Slide ids: explicit, else the heading's slug, else `<file>-<n>`; unique in the deck.
import GithubSlugger, { slug } from 'github-slugger'
import { diagnosticAt, type Diagnostic, type DiagnosticSpec } from './diagnostics.ts'
import type { RenderedSlide } from './render.ts'

/**
 * Gives every slide a unique id, in three passes so that an id never depends on slides of a
 * lower pass: explicit ids as written (a duplicate or an empty one is an error); then the slugs of
 * first headings, numbered `-1`, `-2` on repeats; then `<file>-<n>` for the rest (`n`: the slide's
 * place in its file). Inserting a slide without a heading thus never changes a link like
 * `#/pass-at-k`.
 */
export function assignIds(slides: RenderedSlide[], diagnostics: Diagnostic[]): string[] {
  const ids = slides.map((slide) => slide.explicitId)
  const taken = new Map<string, RenderedSlide>()
  const at = (slide: RenderedSlide, spec: DiagnosticSpec): Diagnostic =>
    diagnosticAt(
      { file: slide.source.file.path, text: slide.source.body, firstLine: slide.source.startLine },
      slide.explicitIdOffset ?? 0,
      spec,
    )
  slides.forEach((slide, i) => {
    const id = slide.explicitId
    if (id === undefined) return
    if (!/^\S+$/.test(id)) {
      diagnostics.push(
        at(slide, {
          code: 'invalid-id',
          message: `slide id ${JSON.stringify(id)} must be non-empty and without spaces`,
        }),
      )
      ids[i] = undefined
      return
    }
    const first = taken.get(id)
    if (first)
      diagnostics.push(
        at(slide, {
          code: 'duplicate-id',
          message: `slide id \`${id}\` is already used by the slide at ${first.source.file.path}:${at(first, { code: '', message: '' }).line}`,
          hint: 'give one of them another id',
        }),
      )
    else taken.set(id, slide)
  })
  const slugger = new GithubSlugger()
  const claim = (text: string, slide: RenderedSlide): string => {
    let id = slugger.slug(text)
    while (taken.has(id)) id = slugger.slug(text)
    taken.set(id, slide)
    return id
  }
  slides.forEach((slide, i) => {
    if (ids[i] === undefined && slide.heading && slug(slide.heading) !== '')
      ids[i] = claim(slide.heading, slide)
  })
  const perFile = new Map<string, number>()
  return slides.map((slide, i) => {
    const path = slide.source.file.path
    const n = (perFile.get(path) ?? 0) + 1
    perFile.set(path, n)
    if (ids[i] !== undefined) return ids[i]
    const stem = path
      .split('/')
      .pop()!
      .replace(/\.md$/, '')
      .replace(/^\d+[-_]?/, '')
    return claim(`${slug(stem) || 'slide'}-${n}`, slide)
  })
}
