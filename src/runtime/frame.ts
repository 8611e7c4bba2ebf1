// The Beamer-style frame around every slide: a miniframes header (section names, one dot per
// slide) and a footer (presenter, short title, date, n / N, and the deck's controls). Both are
// built from the slides' `data-section` attributes and sit on the 1280x720 canvas. The markup
// comes from src/shared/frame.ts, which the build also writes into the page, so the frame is
// painted before any script runs; this controller takes it over and keeps it in step with the deck.
import { frameHtml, groupSlides, navHtml, shortDate, type FrameSlide } from '../shared/frame.ts'
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { viewUrl } from './mode.ts'
import { slideTitle } from './slides.ts'

export { groupSlides }

/** What the frame shows of the slides in the page. */
function frameSlides(slides: HTMLElement[]): FrameSlide[] {
  return slides.map((slide) => ({
    id: slide.id,
    section: slide.dataset.section,
    title: slideTitle(slide),
  }))
}

/**
 * The frame: takes over the frame the build wrote into `.reveal` (or renders it), wires its
 * controls, and keeps it in step with the deck; `render()` rebuilds it from the slides now in the
 * page (after a live update).
 */
export class FrameController implements Controller {
  private readonly bindings = new Bindings()
  private element: HTMLElement | undefined
  private nav!: HTMLElement
  private count!: HTMLElement
  private prev!: HTMLElement
  private next!: HTMLElement
  private read!: HTMLElement
  private dots: HTMLAnchorElement[] = []
  private names: { item: HTMLElement; link: HTMLAnchorElement; from: number; to: number }[] = []
  /** Each slide's position, so a step looks its slide up instead of querying every slide. */
  private positions = new Map<HTMLElement, number>()
  private total = 0
  /** What the frame shows now: a step changes only the parts whose value changed. */
  private shown = { index: -1, section: -1, prev: false, next: false, readHref: '' }
  private readonly countText = document.createTextNode('')

  constructor(private readonly ctx: RuntimeContext) {}

  private get deckTitle(): string {
    return this.ctx.meta.shortTitle ?? this.ctx.meta.title
  }

  bind(): void {
    const { deck, meta, actions } = this.ctx
    const root = deck.getRevealElement()!
    let frame = root.querySelector<HTMLElement>(':scope > .deck-frame')
    if (!frame) {
      const info = {
        presenter: meta.presenter ?? meta.group ?? '',
        title: this.deckTitle,
        date: shortDate(meta.date, meta.lang),
        readHref: viewUrl('read', ''),
      }
      root.insertAdjacentHTML('beforeend', frameHtml(frameSlides(deck.getSlides()), info))
      frame = root.querySelector<HTMLElement>(':scope > .deck-frame')!
    }
    const element = (this.element = frame)
    this.nav = element.querySelector<HTMLElement>('.deck-nav')!
    this.count = element.querySelector<HTMLElement>('.deck-footer-count')!
    const tool = (name: string): HTMLElement =>
      element.querySelector<HTMLElement>(`[data-tool="${name}"]`)!
    this.prev = tool('prev')
    this.next = tool('next')
    this.read = tool('read')
    const buttons: [string, () => void][] = [
      ['prev', () => deck.prev()],
      ['next', () => deck.next()],
      ['overview', () => deck.toggleOverview()],
      ['search', actions.toggleSearch],
      ['speaker', actions.openSpeaker],
      ['fullscreen', actions.toggleFullscreen],
      ['theme', actions.toggleTheme],
    ]
    for (const [name, run] of buttons) this.bindings.listen(tool(name), 'click', run)
    // Space and Enter on a focused control press the control; they must not also turn the slide.
    this.bindings.listen<KeyboardEvent>(element, 'keydown', (event) => {
      if ((event.key === ' ' || event.key === 'Enter') && event.target !== element)
        event.stopPropagation()
    })
    this.render()
    this.bindings.on(deck, ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden'], () =>
      this.update(),
    )
  }

  unbind(): void {
    this.bindings.clear()
    this.element = undefined
  }

  /** Rebuilds the frame from the slides in the page: the same markup the build wrote. */
  render(): void {
    if (!this.element) return
    const slides = this.ctx.deck.getSlides()
    this.positions = new Map(slides.map((slide, index) => [slide, index]))
    this.total = slides.length
    this.nav.innerHTML = navHtml(frameSlides(slides), this.deckTitle, -1)
    // Dots by slide index (slides before the first section have none).
    const dots: HTMLAnchorElement[] = []
    for (const dot of this.nav.querySelectorAll<HTMLAnchorElement>('.deck-nav-dot'))
      dots[Number(dot.dataset.index)] = dot
    this.dots = dots
    const groups = groupSlides(slides, this.deckTitle)
    this.names = Array.from(
      this.nav.querySelectorAll<HTMLElement>('.deck-nav-section'),
      (item, i) => ({
        item,
        link: item.querySelector<HTMLAnchorElement>('.deck-nav-name')!,
        from: groups[i]!.slides[0]!.index,
        to: groups[i]!.slides.at(-1)!.index,
      }),
    )
    // Keep the screen-reader label the markup has; the text after it is the counter.
    const label = this.count.querySelector('.deck-sr')
    this.count.replaceChildren(...(label ? [label] : []), this.countText)
    this.shown = {
      index: -1,
      section: -1,
      prev: this.prev.hasAttribute('disabled'),
      next: this.next.hasAttribute('disabled'),
      readHref: this.read.getAttribute('href') ?? '',
    }
    this.update()
  }

  /** Marks the current section, dot and slide number. */
  update(): void {
    const { deck } = this.ctx
    const { shown, dots, names } = this
    const current = deck.getCurrentSlide()
    const index = (current && this.positions.get(current)) ?? 0
    if (index !== shown.index) {
      dots[shown.index]?.removeAttribute('aria-current')
      dots[index]?.setAttribute('aria-current', 'step')
      this.countText.data = `${index + 1} / ${this.total}`
    }
    const section = names.findIndex(({ from, to }) => index >= from && index <= to)
    if (section !== shown.section) {
      const before = names[shown.section]
      if (before) {
        before.item.classList.remove('current')
        before.link.removeAttribute('aria-current')
      }
      const now = names[section]
      if (now) {
        now.item.classList.add('current')
        now.link.setAttribute('aria-current', 'true')
      }
    }
    const atStart = index <= 0
    // Only the last slide asks for its fragments (the one query a step may make, on one slide).
    const atEnd = index >= this.total - 1 && !deck.availableFragments().next
    if (atStart !== shown.prev) this.prev.toggleAttribute('disabled', atStart)
    if (atEnd !== shown.next) this.next.toggleAttribute('disabled', atEnd)
    const readHref = viewUrl('read', current?.id ?? '')
    if (readHref !== shown.readHref) this.read.setAttribute('href', readHref)
    this.shown = { index, section, prev: atStart, next: atEnd, readHref }
  }
}
