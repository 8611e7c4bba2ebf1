// Less work per step for reveal.js (issue 13). On every step reveal.js "unloads" each slide beyond
// its view distance again — hides it and queries its whole subtree for lazy media to reset — even
// when the slide was unloaded by the step before and nothing in it has loaded since. On the
// 300-slide deck that is 300 subtree queries a key press. This plugin lets the first unload of a
// slide through and skips the repeats until reveal.js loads the slide again.
import type { RevealPlugin } from 'reveal.js'

interface SlideContentLike {
  load(slide: HTMLElement, options?: unknown): void
  unload(slide: HTMLElement): void
}

/** The plugin; register it in the reveal.js config. */
export function fastSteps(): RevealPlugin {
  return {
    id: 'deck-fast-steps',
    init(reveal) {
      const content = (reveal as unknown as { slideContent?: Partial<SlideContentLike> })
        .slideContent
      if (typeof content?.load !== 'function' || typeof content.unload !== 'function') return
      const load = content.load.bind(content)
      const unload = content.unload.bind(content)
      const unloaded = new WeakSet<HTMLElement>()
      content.load = (slide, options) => {
        unloaded.delete(slide)
        load(slide, options)
      }
      content.unload = (slide) => {
        // Still hidden as we left it: nothing was loaded into it since, so nothing to reset.
        if (unloaded.has(slide) && slide.style.display === 'none') return
        unload(slide)
        unloaded.add(slide)
      }
    },
  }
}
