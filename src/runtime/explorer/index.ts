// The pass@k explorer in the browser: sliders redraw the chart live, the URL keeps the settings.
import {
  compute,
  decodeState,
  DEFAULT_CONFIG,
  DEFAULT_STATE,
  encodeState,
  normalise,
  type ExplorerConfig,
  type ExplorerState,
  type ModelSettings,
} from '../../shared/explorer/model.ts'
import { chartSvg, crossoverText, numbersRows } from '../../shared/explorer/view.ts'
import { Bindings, type Controller, type RuntimeContext } from '../controller.ts'

/** Keys the sliders use and reveal.js would otherwise take for navigation. */
const WIDGET_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  ' ',
])

/** How long the URL waits for the sliders to settle (browsers throttle `replaceState`). */
const URL_DELAY_MS = 200

/** The query parameter holding an explorer's state: `explorer`, then `explorer-2`, … */
function paramName(index: number): string {
  return index === 0 ? 'explorer' : `explorer-${index + 1}`
}

/**
 * Turns one pre-rendered `.passk-explorer` into a live widget; when not `interactive` (print, the
 * reading view) it only redraws the state a link asks for, and the sliders stay hidden.
 */
function mount(root: HTMLElement, param: string, interactive: boolean, bindings: Bindings): void {
  root.dataset.mounted = 'true'
  const form = root.querySelector<HTMLFormElement>('form[data-explorer-controls]')
  const chart = root.querySelector<HTMLElement>('[data-explorer-chart]')
  const numbers = root.querySelector<HTMLElement>('[data-explorer-numbers]')
  const status = root.querySelector<HTMLElement>('[data-explorer-status]')
  if (!form || !chart || !numbers || !status) return
  const config: ExplorerConfig = {
    kMax: Number(root.dataset.kmax) || DEFAULT_CONFIG.kMax,
    spread: Number(root.dataset.spread) || DEFAULT_CONFIG.spread,
  }
  const fromUrl = decodeState(new URLSearchParams(location.search).get(param))
  let state: ExplorerState = fromUrl ?? decodeState(root.dataset.state ?? null) ?? DEFAULT_STATE
  const input = (name: string): HTMLInputElement | null =>
    form.querySelector<HTMLInputElement>(`input[name="${name}"]`)

  let queued = false
  const draw = (): void => {
    queued = false
    for (const model of ['base', 'rl'] as const)
      for (const key of ['pass1', 'solvable'] as const) {
        const el = input(`${model}-${key}`)
        if (!el) continue
        const value = String(state[model][key])
        el.value = value
        el.setAttribute('aria-valuetext', `${value} percent`)
        const out = form.querySelector<HTMLOutputElement>(`output[for="${el.id}"]`)
        if (out) out.textContent = `${value}%`
      }
    const result = compute(state, config)
    chart.innerHTML = chartSvg(result, `${root.id}-chart`)
    numbers.innerHTML = numbersRows(result)
    const text = crossoverText(result)
    // Only a change is announced (the status is a live region).
    if (status.textContent !== text) status.textContent = text
    root.dataset.crossover = result.crossover ? String(result.crossover.k) : ''
  }
  if (!interactive) {
    if (fromUrl) draw()
    return
  }
  const schedule = (): void => {
    if (queued) return
    queued = true
    bindings.frame(draw)
  }

  let urlTimer: ReturnType<typeof setTimeout> | undefined
  bindings.add(() => clearTimeout(urlTimer))
  const writeUrl = (): void => {
    clearTimeout(urlTimer)
    urlTimer = setTimeout(() => {
      // Only the query string changes: reveal.js keeps the slide in the hash (#/passk-explorer).
      const url = new URL(location.href)
      url.searchParams.set(param, encodeState(state))
      history.replaceState(history.state, '', url)
    }, URL_DELAY_MS)
  }

  bindings.listen(form, 'input', (event) => {
    const target = event.target as HTMLInputElement
    const [model, key] = target.name.split('-') as ['base' | 'rl', keyof ModelSettings]
    if (!(model in state) || !(key === 'pass1' || key === 'solvable')) return
    const changed = { ...state[model], [key]: Number(target.value) }
    state = { ...state, [model]: normalise(changed, key) }
    schedule()
    writeUrl()
  })
  bindings.listen(form, 'submit', (event) => event.preventDefault())
  // Keys inside the widget work the sliders, not the deck (reveal.js listens on `document`).
  // Escape leaves the widget, so the arrow keys move between slides again.
  bindings.listen<KeyboardEvent>(root, 'keydown', (event) => {
    if (WIDGET_KEYS.has(event.key)) event.stopPropagation()
    else if (event.key === 'Escape' && root.contains(document.activeElement)) {
      event.stopPropagation()
      ;(document.activeElement as HTMLElement).blur()
    }
  })
  form.hidden = false
  draw()
}

/**
 * Makes every `.passk-explorer` on the page live (and, at `render()`, any that a live update
 * added). In print/PDF and the reading (scroll) view the widgets stay static: the chart and
 * numbers as built, or as the link's `?explorer=` asks, with no sliders.
 */
export class ExplorerController implements Controller {
  /** Each live widget's listeners and timers. */
  private readonly widgets = new Map<HTMLElement, Bindings>()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    this.render()
  }

  unbind(): void {
    for (const [root, bindings] of this.widgets) {
      bindings.clear()
      delete root.dataset.mounted
    }
    this.widgets.clear()
  }

  render(): void {
    const { deck } = this.ctx
    const interactive = !(
      deck.isPrintView() ||
      deck.isScrollView() ||
      /print-pdf/i.test(location.search)
    )
    // A widget a live update replaced is gone: so are its listeners.
    for (const [root, bindings] of this.widgets)
      if (!root.isConnected) {
        bindings.clear()
        this.widgets.delete(root)
      }
    const all = [...document.querySelectorAll<HTMLElement>('.passk-explorer')]
    all.forEach((root, i) => {
      if (root.dataset.mounted) return
      const bindings = new Bindings()
      this.widgets.set(root, bindings)
      mount(root, paramName(i), interactive, bindings)
    })
  }
}
