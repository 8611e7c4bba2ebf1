// The `?` help: the deck's own overlay (its fonts and colours, fitting a 1280x720 window), listing
// the deck's keys first (keys.ts's table, plus any key a plugin added), then the keys that move
// around. It replaces reveal.js's unstyled help: `?` and F1 open this one, and so does
// `deck.toggleHelp()`. Esc, `?`, the close button or a click outside close it; while it is open, keys do not
// move the deck behind it, and the focus stays in it.
import '../theme/help.css'
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { DECK_KEYS, MOVE_KEYS, type KeyRow } from './keys.ts'

/** Bindings a plugin or controller added with a description, not in the table already. */
function addedKeys(ctx: RuntimeContext): KeyRow[] {
  const keyboard = (ctx.deck as unknown as { keyboard?: { getBindings?(): unknown } }).keyboard
  const bindings = (keyboard?.getBindings?.() ?? {}) as Record<
    string,
    { key?: string; description?: string }
  >
  const listed = new Set(DECK_KEYS.flatMap((row) => row.keys))
  return Object.values(bindings)
    .filter((b) => b.key && b.description && !listed.has(b.key))
    .map((b) => ({ keys: [b.key!], action: b.description! }))
}

function section(title: string, rows: readonly KeyRow[]): HTMLElement {
  const box = document.createElement('section')
  box.className = 'deck-help-section'
  const heading = document.createElement('h3')
  heading.textContent = title
  const list = document.createElement('dl')
  for (const row of rows) {
    const keys = document.createElement('dt')
    row.keys.forEach((key, i) => {
      if (i) keys.append(' ')
      const cap = document.createElement('kbd')
      cap.textContent = key
      keys.append(cap)
    })
    const action = document.createElement('dd')
    action.textContent = row.action
    list.append(keys, action)
  }
  box.append(heading, list)
  return box
}

/** `?` (Shift+/ on most layouts) or F1, without Ctrl, Alt or Meta. */
const isHelpKey = (event: KeyboardEvent): boolean =>
  (event.key === '?' || event.key === 'F1') && !event.ctrlKey && !event.altKey && !event.metaKey

/** Whether a key pressed there is text being typed (the search box, a form field). */
const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

export class HelpController implements Controller {
  private readonly bindings = new Bindings()
  private dialog: HTMLElement | undefined
  private returnFocus: Element | null = null

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck } = this.ctx
    const api = deck as unknown as { toggleHelp: (override?: boolean) => void }
    const original = api.toggleHelp
    api.toggleHelp = (override?: boolean) => this.toggle(override)
    this.bindings.add(() => {
      api.toggleHelp = original
      this.close()
    })
    // `?` and F1 open it before reveal.js's handler sees them (which would open its own). While
    // open: Esc, `?` and F1 close it, Tab stays in it, and no key reaches the deck.
    this.bindings.listen<KeyboardEvent>(
      window,
      'keydown',
      (event) => {
        if (!this.dialog) {
          if (!isHelpKey(event) || typing(event.target)) return
          event.preventDefault()
          event.stopPropagation()
          this.open()
          return
        }
        event.stopPropagation()
        if (event.key === 'Escape' || isHelpKey(event)) {
          event.preventDefault()
          this.close()
        } else if (event.key === 'Tab') {
          event.preventDefault()
          this.dialog.querySelector<HTMLElement>('.deck-help-close')?.focus()
        }
      },
      { capture: true },
    )
  }

  render(): void {}

  unbind(): void {
    this.bindings.clear()
  }

  get isOpen(): boolean {
    return this.dialog !== undefined
  }

  toggle(override?: boolean): void {
    const open = override ?? !this.dialog
    if (open && !this.dialog) this.open()
    else if (!open) this.close()
  }

  private open(): void {
    const { deck } = this.ctx
    const root = deck.getViewportElement() ?? document.body
    const backdrop = document.createElement('div')
    backdrop.className = 'deck-help'
    const dialog = document.createElement('div')
    dialog.className = 'deck-help-dialog'
    dialog.setAttribute('role', 'dialog')
    dialog.setAttribute('aria-modal', 'true')
    dialog.setAttribute('aria-labelledby', 'deck-help-title')
    const header = document.createElement('header')
    const title = document.createElement('h2')
    title.id = 'deck-help-title'
    title.textContent = 'Keyboard shortcuts'
    const close = document.createElement('button')
    close.type = 'button'
    close.className = 'deck-help-close'
    close.textContent = 'Close'
    close.setAttribute('aria-label', 'Close the keyboard shortcuts (Esc)')
    close.addEventListener('click', () => this.close())
    header.append(title, close)
    const body = document.createElement('div')
    body.className = 'deck-help-body'
    body.append(
      section('This deck', [...DECK_KEYS, ...addedKeys(this.ctx)]),
      section('Moving around', MOVE_KEYS),
    )
    dialog.append(header, body)
    backdrop.append(dialog)
    backdrop.addEventListener('click', (event) => {
      if (event.target === backdrop) this.close()
    })
    this.returnFocus = document.activeElement
    root.append(backdrop)
    this.dialog = backdrop
    close.focus()
  }

  private close(): void {
    if (!this.dialog) return
    this.dialog.remove()
    this.dialog = undefined
    if (this.returnFocus instanceof HTMLElement) this.returnFocus.focus()
    this.returnFocus = null
  }
}
