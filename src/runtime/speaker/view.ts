// The speaker view (`?view=speaker`, loaded on demand): the current and next slide as previews
// of this same page, the notes with their math, elapsed time, the clock, and pacing against the
// session length. It follows the deck window that opened it (postMessage; no server). The notes
// come from the page's own copy of the slides (slides.ts reads each slide's `aside.notes`).
import '../../theme/speaker.css'
import { Bindings, type Controller } from '../controller.ts'
import { deckSlug, type DeckMeta } from '../meta.ts'
import { viewUrl } from '../mode.ts'
import { cloneNotes, readSlide, type SlideInfo } from '../slides.ts'
import { buildLayout, h, type SpeakerLayout } from './layout.ts'
import { NOTES_KEYS } from './notes-scroll.ts'
import { clock, pacing } from './pacing.ts'
import { localStep } from './steps.ts'
import { Stopwatch } from './stopwatch.ts'
import {
  isDeckMessage,
  isFrom,
  sameOrigin,
  startedChannel,
  type CommandMessage,
  type StateMessage,
} from './protocol.ts'

const KEYS: Record<string, CommandMessage['command']> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  n: 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  PageUp: 'prev',
  p: 'prev',
  Home: 'first',
  End: 'last',
}

/**
 * The speaker view: replaces the page with it, from the page's copy of the deck's slides (where
 * the notes come from: slides.ts reads them); `render()` reads them again after a live update.
 */
export class SpeakerView implements Controller {
  /** The deck's slides (`.slides`), out of the page: the notes' source, which updates change. */
  readonly slides: Element
  private infos: SlideInfo[] = []
  /** Minutes a file plans for its slides (`minutes:` in its front matter), for the pacing. */
  private planned: (number | undefined)[] = []
  private readonly ui: SpeakerLayout
  private readonly bindings = new Bindings()
  private readonly stopwatch: Stopwatch
  /** The deck window: the one that opened this view, or one this view opened. */
  private deckWindow = window.opener as Window | null
  private state: StateMessage
  private connected = false
  private startedAt: string | undefined

  constructor(private readonly meta: DeckMeta) {
    this.slides = document.querySelector('.reveal .slides') ?? document.createElement('div')
    this.read()
    const shortTitle = meta.shortTitle ?? meta.title
    document.title = `Speaker view · ${shortTitle}`
    document.documentElement.classList.add('deck-speaker-page')
    document.querySelector('.reveal')?.remove()
    const slides = this.infos
    const hashId = decodeURIComponent(location.hash.replace(/^#\/?/, '').split('/')[0] ?? '')
    const id = slides.some((s) => s.id === hashId) ? hashId : (slides[0]?.id ?? '')
    const index = Math.max(
      0,
      slides.findIndex((s) => s.id === id),
    )
    this.state = {
      type: 'deck:state',
      id,
      index,
      total: slides.length,
      fragment: -1,
      fragments: slides[index]?.fragments ?? 0,
    }
    this.ui = buildLayout(shortTitle, id, slides[Math.min(index + 1, slides.length - 1)]?.id ?? '')
    // The timer starts with the talk: the first slide change after the view opens (or Start).
    this.stopwatch = new Stopwatch(`speaker-timer:${meta.slug ?? meta.title}`)
  }

  bind(): void {
    const { ui, bindings, stopwatch } = this
    document.body.replaceChildren(ui.main)
    bindings.add(() => ui.main.remove())
    ui.current.bind(bindings)
    ui.next.bind(bindings)
    ui.notesScroll.bind(bindings)
    bindings.listen<MessageEvent>(window, 'message', (event) => {
      if (!isDeckMessage(event.data) || event.data.type !== 'deck:state') return
      if (!isFrom(event, this.deckWindow)) return
      // Where the deck is when it first answers is where the talk starts, not a slide change.
      if (!this.connected) this.startedAt = `${event.data.id}/${event.data.fragment}`
      this.connected = true
      this.apply(event.data)
    })
    bindings.listen<KeyboardEvent>(document, 'keydown', (event) => {
      if (event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter'))
        return
      if (event.altKey || event.ctrlKey || event.metaKey || ui.notesScroll.owns(event)) return
      const scroll = NOTES_KEYS[event.key]
      if (scroll) {
        event.preventDefault()
        ui.notesScroll.page(scroll)
        return
      }
      const name = KEYS[event.key]
      if (!name) return
      event.preventDefault()
      this.command(name)
    })
    bindings.listen(ui.prevButton, 'click', () => this.command('prev'))
    bindings.listen(ui.nextButton, 'click', () => this.command('next'))
    bindings.listen(ui.pause, 'click', () => {
      stopwatch.toggle()
      this.tick()
    })
    bindings.listen(ui.openDeck, 'click', () => this.openDeck())
    bindings.listen(ui.reset, 'click', () => {
      stopwatch.reset()
      this.tick()
    })

    this.apply(this.state)
    this.hello()
    // The deck window reloaded and is listening again: hello now (it no longer knows this window).
    const started = startedChannel(deckSlug(this.meta))
    if (started) {
      started.onmessage = () => this.deckWindow && !this.deckWindow.closed && this.hello()
      bindings.add(() => started.close())
    }
    bindings.interval(() => this.tick(), 500)
    // Every few seconds too: the deck window may have reloaded (e.g. switching to the reading
    // view) and no longer know this window.
    bindings.interval(() => {
      if (this.deckWindow && !this.deckWindow.closed) this.hello()
    }, 2000)
    document.documentElement.dataset.deckReady = 'true'
  }

  unbind(): void {
    this.bindings.clear()
  }

  /** Reads the slides again (a live update changed them) and shows the current one anew. */
  render(): void {
    this.read()
    const slides = this.infos
    const index = slides.findIndex((s) => s.id === this.state.id)
    const at = index >= 0 ? index : Math.min(this.state.index, Math.max(slides.length - 1, 0))
    const slide = slides[at]
    this.apply(
      {
        ...this.state,
        id: slide?.id ?? '',
        index: at,
        total: slides.length,
        fragments: slide?.fragments ?? 0,
        fragment: Math.min(this.state.fragment, (slide?.fragments ?? 0) - 1),
      },
      true,
    )
  }

  private read(): void {
    const sections = Array.from(this.slides.children).filter(
      (c): c is HTMLElement => c instanceof HTMLElement && c.tagName === 'SECTION',
    )
    this.infos = sections.map(readSlide)
    this.planned = sections.map((s) => (s.dataset.minutes ? Number(s.dataset.minutes) : undefined))
  }

  /**
   * Opens the deck on the slide shown here, in a window of its own (or finds the one this view
   * opened before: it has the same name); the deck answers this view's hello as its opener's.
   */
  private openDeck(): void {
    const url = viewUrl('present', this.state.id)
    const win = window.open(url, `deck-window-${deckSlug(this.meta)}`)
    if (!win) {
      this.ui.status.textContent = 'The browser blocked the deck window: allow pop-ups.'
      return
    }
    this.deckWindow = win
    this.connected = false
    win.focus()
    this.tick()
  }

  private hello(): void {
    this.deckWindow?.postMessage({ type: 'deck:hello' }, sameOrigin())
  }

  private command(name: CommandMessage['command']): void {
    const { deckWindow } = this
    if (this.connected && deckWindow && !deckWindow.closed) {
      deckWindow.postMessage({ type: 'deck:command', command: name }, sameOrigin())
      return
    }
    // No deck window: the speaker view moves on its own.
    this.apply(localStep(this.state, this.infos, name))
  }

  private tick(): void {
    const { ui, stopwatch, meta, state } = this
    const ms = stopwatch.elapsed()
    ui.elapsed.textContent = clock(ms)
    ui.elapsed.dateTime = `PT${Math.floor(ms / 1000)}S`
    ui.pause.textContent = stopwatch.action
    const date = new Date()
    ui.now.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    const p = pacing(ms, meta.duration, state.index, state.total, this.planned)
    ui.pace.dataset.status = stopwatch.started ? p.status : 'waiting'
    ui.paceText.textContent = stopwatch.started
      ? p.text
      : 'Not started: the timer starts with the first slide change, or Start'
    ui.plannedMark.style.left = `${p.timeDone * 100}%`
    ui.actualMark.style.left = `${p.slidesDone * 100}%`
    ui.remaining.textContent = meta.duration
      ? `${Math.max(0, Math.ceil(meta.duration - ms / 60_000))} of ${meta.duration} min left`
      : ''
    const deckWindow = this.deckWindow
    const open = !!deckWindow && !deckWindow.closed
    if (!open) this.connected = false
    const link = !open ? 'none' : this.connected ? 'connected' : 'waiting'
    if (ui.status.dataset.link !== link) {
      ui.status.dataset.link = link
      ui.status.textContent =
        link === 'none'
          ? 'No deck window: open it here (or press S in the deck).'
          : link === 'waiting'
            ? 'Waiting for the deck window…'
            : 'Connected to the deck window.'
      ui.openDeck.hidden = link !== 'none'
    }
    if (open && !this.connected) this.hello()
  }

  /** Shows where the talk is; the notes are drawn again when the slide changed (or `renew`). */
  private apply(next: StateMessage, renew = false): void {
    const { ui, infos: slides } = this
    const step = `${next.id}/${next.fragment}`
    if (this.startedAt === undefined) this.startedAt = step
    else if (step !== this.startedAt) this.stopwatch.begin()
    const moved = next.id !== this.state.id
    const state = (this.state = next)
    const slide = slides[state.index]
    const nextStep =
      state.fragment < state.fragments - 1
        ? { id: state.id, fragment: state.fragment + 1 }
        : state.index + 1 < slides.length
          ? { id: slides[state.index + 1]!.id, fragment: -1 }
          : undefined
    ui.current.show(state.id, state.fragment)
    if (nextStep) ui.next.show(nextStep.id, nextStep.fragment)
    ui.nextPane.classList.toggle('at-end', !nextStep)
    ui.nextLabel.textContent =
      nextStep && nextStep.id === state.id ? 'Next: the rest of this slide' : 'Next slide'
    ui.position.textContent =
      `Slide ${state.index + 1} of ${state.total}` +
      (slide?.section ? ` · ${slide.section}` : '') +
      (state.fragments > 0 ? ` · step ${state.fragment + 2} of ${state.fragments + 1}` : '')
    const { notes, notesScroll } = ui
    // The deck answers every hello with where it is: the same slide keeps its notes (and where
    // the speaker scrolled them).
    if (moved || renew || !notes.dataset.shown) {
      const content = slide ? cloneNotes(slide.element) : []
      notes.replaceChildren(
        ...(content.length ? content : [h('p', 'speaker-no-notes', 'No notes for this slide.')]),
      )
      notes.dataset.slide = state.id
    }
    if (moved || !notes.dataset.shown) notesScroll.reset()
    notes.dataset.shown = 'true'
    document.documentElement.dataset.speakerSlide = state.id
    this.tick()
  }
}
