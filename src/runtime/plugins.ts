// reveal.js's search and zoom plugins, loaded after the first slide shows (code-split by Vite) so
// they stay out of the JS the first slide waits for.
import type { SearchPlugin } from 'reveal.js/plugin/search'
import type { FastSteps } from './fast-steps.ts'
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

/**
 * Ctrl+Shift+F before the plugin has loaded: load it and open the box. Once registered, the
 * plugin's own key handler takes over, so this one then does nothing.
 */
export function bindSearchKey(deck: Deck, steps?: FastSteps): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'F' || !(event.ctrlKey || event.metaKey) || deck.hasPlugin('search')) return
    event.preventDefault()
    void toggleSearch(deck)
  })
  // The plugin focuses its box when it opens it (whichever way it was opened). It searches the
  // text of every slide: far slides' content, kept aside while presenting, comes back first.
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.closest('.searchbox')) {
      steps?.restoreAll()
      labelSearchBox()
    }
  })
  document.addEventListener('focusout', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.closest('.searchbox'))
      steps?.resume()
  })
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
