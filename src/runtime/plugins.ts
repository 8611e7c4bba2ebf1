// reveal.js's search and zoom plugins, loaded after the first slide shows (code-split by Vite) so
// they stay out of the JS the first slide waits for. A plugin is registered once per page.
import type { SearchPlugin } from 'reveal.js/plugin/search'
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import type { Deck } from './types.ts'

let search: Promise<SearchPlugin> | undefined
let zoom: Promise<void> | undefined

/** Gives the plugin's search box a name and our focus ring (it sets `outline: 0` inline). */
function labelSearchBox(): void {
  const input = document.querySelector<HTMLInputElement>('.reveal .searchbox input')
  if (!input || input.hasAttribute('aria-label')) return
  input.setAttribute('aria-label', 'Search the slides (Enter: next match)')
  input.style.removeProperty('outline')
  input.placeholder = 'Search the slides…'
}

/** Loads and registers the search plugin once. */
export function loadSearch(deck: Deck): Promise<SearchPlugin> {
  search ??= import('reveal.js/plugin/search').then(({ default: Search }) => {
    const plugin = Search()
    deck.registerPlugin(plugin)
    return plugin
  })
  return search
}

/** Opens or closes the search box (loading the plugin first if needed). */
export async function toggleSearch(deck: Deck): Promise<void> {
  const plugin = await loadSearch(deck)
  plugin.toggle()
  labelSearchBox()
}

/** Loads the zoom plugin (Ctrl+click on Linux, Alt+click elsewhere, zooms in; Esc zooms out). */
export function loadZoom(deck: Deck): Promise<void> {
  zoom ??= import('reveal.js/plugin/zoom').then(({ default: Zoom }) => {
    deck.registerPlugin(Zoom())
    deck.registerKeyboardShortcut(
      /Linux/.test(navigator.platform) ? 'CTRL + Click' : 'ALT + Click',
      'Zoom in (Esc: out)',
    )
  })
  return zoom
}

/**
 * The search and zoom plugins: loaded once the page is idle (the first slide does not need
 * them), and Ctrl+Shift+F before the search plugin has loaded (once registered, its own key
 * handler takes over and this one does nothing).
 */
export class PluginsController implements Controller {
  private readonly bindings = new Bindings()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck, steps } = this.ctx
    const { bindings } = this
    bindings.listen<KeyboardEvent>(document, 'keydown', (event) => {
      if (event.key !== 'F' || !(event.ctrlKey || event.metaKey) || deck.hasPlugin('search')) return
      event.preventDefault()
      void toggleSearch(deck)
    })
    // The plugin focuses its box when it opens it (whichever way it was opened). It searches the
    // text of every slide: far slides' content, kept aside while presenting, comes back first.
    const inBox = (event: FocusEvent): boolean =>
      event.target instanceof HTMLInputElement && event.target.closest('.searchbox') !== null
    bindings.listen<FocusEvent>(document, 'focusin', (event) => {
      if (!inBox(event)) return
      steps.restoreAll()
      labelSearchBox()
    })
    bindings.listen<FocusEvent>(document, 'focusout', (event) => {
      if (inBox(event)) steps.resume()
    })
    // Off the critical path: the plugins the first slide does not need.
    const load = (): void => {
      void loadZoom(deck)
      void loadSearch(deck)
    }
    if (window.requestIdleCallback) {
      const idle = window.requestIdleCallback(load)
      bindings.add(() => window.cancelIdleCallback(idle))
    } else bindings.timeout(load, 200)
  }

  unbind(): void {
    this.bindings.clear()
  }

  render(): void {}
}
