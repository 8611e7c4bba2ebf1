// The speaker view's page: the bar (timer, clock, pacing), the current and next slide previews,
// the notes and the move buttons. Built once; view.ts binds its listeners and fills it as the talk
// moves.
import type { Bindings } from '../controller.ts'
import { icon } from '../icons.ts'
import { scrollableNotes } from './notes-scroll.ts'
import { isDeckMessage, isFrom, sameOrigin, type ShowMessage } from './protocol.ts'

/** An element with a class (and text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  if (text) node.textContent = text
  return node
}

/** A slide preview: an iframe of this page in preview mode, told which slide to show. */
export class Preview {
  readonly frame: HTMLIFrameElement
  private ready = false
  private pending: ShowMessage | undefined

  constructor(title: string, firstId: string) {
    this.frame = h('iframe', 'speaker-preview')
    this.frame.title = title
    this.frame.tabIndex = -1
    this.frame.src = `${location.pathname}?receiver#/${encodeURIComponent(firstId)}`
  }

  /** Listens for the preview saying it is ready (again, after it reloaded). */
  bind(bindings: Bindings): void {
    bindings.listen<MessageEvent>(window, 'message', (event) => {
      if (!isDeckMessage(event.data) || event.data.type !== 'deck:preview-ready') return
      if (!isFrom(event, this.frame.contentWindow)) return
      this.ready = true
      if (this.pending) this.send(this.pending)
    })
  }

  show(id: string, fragment: number): void {
    this.pending = { type: 'deck:show', id, fragment }
    if (this.ready) this.send(this.pending)
  }

  private send(message: ShowMessage): void {
    this.frame.contentWindow?.postMessage(message, sameOrigin())
  }
}

/** The elements view.ts updates. */
export interface SpeakerLayout {
  main: HTMLElement
  elapsed: HTMLTimeElement
  pause: HTMLButtonElement
  reset: HTMLButtonElement
  now: HTMLTimeElement
  pace: HTMLElement
  paceText: HTMLElement
  plannedMark: HTMLElement
  actualMark: HTMLElement
  remaining: HTMLElement
  status: HTMLElement
  /** Opens the deck window (shown when there is none). */
  openDeck: HTMLButtonElement
  position: HTMLElement
  current: Preview
  next: Preview
  nextPane: HTMLElement
  nextLabel: HTMLElement
  notes: HTMLElement
  notesScroll: ReturnType<typeof scrollableNotes>
  prevButton: HTMLButtonElement
  nextButton: HTMLButtonElement
}

/** Builds the speaker view's page; the previews start on `currentId` and `nextId`. */
export function buildLayout(shortTitle: string, currentId: string, nextId: string): SpeakerLayout {
  const main = h('main', 'speaker')
  main.setAttribute('aria-label', `Speaker view: ${shortTitle}`)
  const bar = h('header', 'speaker-bar')
  const timer = h('div', 'speaker-timer')
  const elapsed = h('time', 'speaker-elapsed', '0:00')
  const pause = h('button', 'speaker-button')
  pause.type = 'button'
  const reset = h('button', 'speaker-button', 'Reset')
  reset.type = 'button'
  timer.append(h('span', 'speaker-label', 'Elapsed'), elapsed, pause, reset)
  const wall = h('div', 'speaker-clock')
  const now = h('time', 'speaker-now')
  wall.append(h('span', 'speaker-label', 'Clock'), now)
  const pace = h('div', 'speaker-pacing')
  const paceText = h('span', 'speaker-pacing-text')
  const track = h('div', 'speaker-pacing-track')
  track.setAttribute('aria-hidden', 'true')
  const plannedMark = h('span', 'speaker-pacing-planned')
  const actualMark = h('span', 'speaker-pacing-actual')
  track.append(plannedMark, actualMark)
  const remaining = h('span', 'speaker-remaining')
  pace.append(h('span', 'speaker-label', 'Pacing'), paceText, track, remaining)
  bar.append(timer, wall, pace)

  const currentPane = h('section', 'speaker-current')
  currentPane.setAttribute('aria-label', 'Current slide')
  const position = h('p', 'speaker-position')
  const current = new Preview('Current slide', currentId)
  currentPane.append(current.frame)
  // Where the deck window is: connected, waiting, or none (with a button that opens it). One
  // line of fixed height, so that nothing moves when the deck connects.
  const link = h('div', 'speaker-link')
  const status = h('p', 'speaker-status')
  status.setAttribute('role', 'status')
  const openDeck = h('button', 'speaker-button speaker-open-deck', 'Open the deck window')
  openDeck.type = 'button'
  openDeck.hidden = true
  link.append(status, openDeck)

  const nextPane = h('section', 'speaker-next')
  nextPane.setAttribute('aria-label', 'Next')
  const nextLabel = h('h2', 'speaker-heading', 'Next')
  const next = new Preview('Next slide', nextId)
  const end = h('p', 'speaker-end', 'End of the deck')
  nextPane.append(nextLabel, next.frame, end)

  const notesPane = h('section', 'speaker-notes')
  notesPane.setAttribute('aria-labelledby', 'speaker-notes-heading')
  const notesHeading = h('h2', 'speaker-heading', 'Notes')
  notesHeading.id = 'speaker-notes-heading'
  const notes = h('div', 'speaker-notes-body')
  notes.setAttribute('aria-live', 'polite')
  const notesScroll = scrollableNotes(notes)
  notesPane.append(notesHeading, notes, notesScroll.cue)

  const nav = h('div', 'speaker-nav')
  nav.setAttribute('role', 'group')
  nav.setAttribute('aria-label', 'Move the deck')
  const prevButton = h('button', 'speaker-button')
  prevButton.type = 'button'
  prevButton.innerHTML = `${icon('prev')}<span>Previous</span>`
  const nextButton = h('button', 'speaker-button')
  nextButton.type = 'button'
  nextButton.innerHTML = `<span>Next</span>${icon('next')}`
  nav.append(prevButton, nextButton)
  const foot = h('div', 'speaker-current-foot')
  foot.append(position, nav)
  currentPane.append(foot, link)

  // Two columns: the timer and the current slide; the next slide and the notes.
  const left = h('div', 'speaker-column speaker-column-now')
  left.append(bar, currentPane)
  const right = h('div', 'speaker-column speaker-column-next')
  right.append(nextPane, notesPane)
  main.append(left, right)
  return {
    main,
    elapsed,
    pause,
    reset,
    now,
    pace,
    paceText,
    plannedMark,
    actualMark,
    remaining,
    status,
    openDeck,
    position,
    current,
    next,
    nextPane,
    nextLabel,
    notes,
    notesScroll,
    prevButton,
    nextButton,
  }
}
