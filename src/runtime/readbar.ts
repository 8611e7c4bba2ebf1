// The reading view's control bar: back to presenting, the notes as a handout, the PDF, the theme.
// It shows only while reveal.js's scroll view is on (`?view=scroll`, or a narrow screen), at the
// top of the page with the deck's short title and text labels (src/theme/reading.css). The
// handout (handout.ts, loaded when first asked for) is its state: kept in the URL (`&handout`).
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { icon } from './icons.ts'
import { HANDOUT_PARAM, isNarrow, viewUrl } from './mode.ts'

type Handout = typeof import('./handout.ts')

function control(
  tag: 'a' | 'button',
  name: Parameters<typeof icon>[0],
  label: string,
): HTMLElement {
  const node = document.createElement(tag)
  node.className = 'deck-readbar-control'
  if (tag === 'button') node.setAttribute('type', 'button')
  node.innerHTML = `${icon(name)}<span>${label}</span>`
  return node
}

/** The bar: added to the page by `bind()`, removed by `unbind()`. */
export class ReadbarController implements Controller {
  private readonly bindings = new Bindings()
  private present: HTMLElement | undefined
  private notes: HTMLElement | undefined
  private handout: Promise<Handout> | undefined

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck, meta, slug, actions } = this.ctx
    const bar = document.createElement('div')
    bar.className = 'deck-readbar'
    bar.setAttribute('role', 'group')
    bar.setAttribute('aria-label', 'Reading view')
    const name = document.createElement('span')
    name.className = 'deck-readbar-title'
    name.textContent = meta.shortTitle ?? meta.title
    const present = (this.present = control('a', 'present', 'Present'))
    present.title = 'Present the slides (R)'
    const notes = (this.notes = control('button', 'notes', 'Notes'))
    notes.title = 'Show the speaker notes under each slide'
    notes.setAttribute('aria-pressed', 'false')
    const pdf = control('a', 'pdf', 'PDF')
    pdf.setAttribute('href', `./${slug}.pdf`)
    pdf.title = 'The slides as a PDF'
    const theme = control('button', 'theme', 'Theme')
    theme.title = 'Dark or light theme'
    bar.append(name, present, notes, pdf, theme)

    this.bindings.listen(notes, 'click', () => {
      const on = notes.getAttribute('aria-pressed') !== 'true'
      notes.setAttribute('aria-pressed', String(on))
      void this.setHandout(on)
    })
    this.bindings.listen(theme, 'click', actions.toggleTheme)
    // First in the page, so that (sticky at the top) it takes its own room and covers nothing.
    document.body.prepend(bar)
    this.bindings.add(() => bar.remove())
    this.update()
    this.bindings.on(deck, 'slidechanged', () => this.update())
    this.bindings.listen(window, 'resize', () => this.update())
    // reveal.js rebuilds the reading view's pages on a resize: the notes go back under them.
    this.bindings.on(deck, 'resize', () => {
      if (this.handoutOn() && deck.isScrollView()) void this.withHandout((h) => h.addNotes(deck))
    })
    this.bindings.add(() => {
      if (this.handoutOn()) void this.withHandout((h) => h.showHandout(deck, false, false))
    })
    if (new URLSearchParams(location.search).has(HANDOUT_PARAM)) notes.click()
  }

  unbind(): void {
    this.bindings.clear()
    this.present = this.notes = undefined
  }

  /** The handout's notes again, as the slides now in the page have them. */
  render(): void {
    this.update()
    if (this.handoutOn())
      void this.withHandout((h) => {
        h.removeNotes(this.ctx.deck)
        h.addNotes(this.ctx.deck)
      })
  }

  /** The Present link goes back to the slide being read. */
  private update(): void {
    const id = this.ctx.deck.getCurrentSlide()?.id ?? ''
    this.present?.setAttribute('href', viewUrl('present', id, isNarrow()))
  }

  private handoutOn(): boolean {
    return document.documentElement.classList.contains('deck-handout')
  }

  private withHandout(run: (handout: Handout) => void): Promise<void> {
    this.handout ??= import('./handout.ts')
    return this.handout.then(run)
  }

  private setHandout(on: boolean): Promise<void> {
    return this.withHandout((h) => h.showHandout(this.ctx.deck, on))
  }
}
