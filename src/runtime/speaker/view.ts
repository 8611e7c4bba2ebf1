// The speaker view (`?view=speaker`, loaded on demand): the current and next slide as previews
// of this same page, the notes with their math, elapsed time, the clock, and pacing against the
// session length. It follows the deck window that opened it (postMessage; no server).
import '../../theme/speaker.css'
import { cloneNotes, readSlide, type SlideInfo } from '../slides.ts'
import { deckSlug, type DeckMeta } from '../meta.ts'
import { buildLayout, h } from './layout.ts'
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

/** Replaces the page with the speaker view. */
export function startSpeakerView(meta: DeckMeta): void {
  const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'))
  const slides: SlideInfo[] = sections.map(readSlide)
  // Minutes a file plans for its slides (`minutes:` in its front matter), for the pacing.
  const planned = sections.map((s) => (s.dataset.minutes ? Number(s.dataset.minutes) : undefined))
  const shortTitle = meta.shortTitle ?? meta.title
  document.title = `Speaker view · ${shortTitle}`
  document.documentElement.classList.add('deck-speaker-page')
  document.querySelector('.reveal')?.remove()

  const hashId = decodeURIComponent(location.hash.replace(/^#\/?/, '').split('/')[0] ?? '')
  let state: StateMessage = {
    type: 'deck:state',
    id: slides.some((s) => s.id === hashId) ? hashId : (slides[0]?.id ?? ''),
    index: 0,
    total: slides.length,
    fragment: -1,
    fragments: 0,
  }
  state.index = Math.max(
    0,
    slides.findIndex((s) => s.id === state.id),
  )
  state.fragments = slides[state.index]?.fragments ?? 0

  const ui = buildLayout(
    shortTitle,
    state.id,
    slides[Math.min(state.index + 1, slides.length - 1)]?.id ?? '',
  )
  const { elapsed, pause, reset, now, pace, paceText, plannedMark, actualMark, remaining } = ui
  const { status, position, current, next, nextPane, nextLabel, notes, notesScroll } = ui
  document.body.replaceChildren(ui.main)

  // Connection to the deck window.
  const deckWindow = window.opener as Window | null
  let connected = false
  const hello = (): void => deckWindow?.postMessage({ type: 'deck:hello' }, sameOrigin())
  const command = (name: CommandMessage['command']): void => {
    if (connected && deckWindow && !deckWindow.closed) {
      deckWindow.postMessage({ type: 'deck:command', command: name }, sameOrigin())
      return
    }
    // No deck window: the speaker view moves on its own.
    apply(localStep(state, slides, name))
  }

  // The timer starts with the talk: the first slide change after the view opens (or Start).
  const stopwatch = new Stopwatch(`speaker-timer:${meta.slug ?? meta.title}`)
  let startedAt: string | undefined
  const tick = (): void => {
    const ms = stopwatch.elapsed()
    elapsed.textContent = clock(ms)
    elapsed.dateTime = `PT${Math.floor(ms / 1000)}S`
    pause.textContent = stopwatch.action
    const date = new Date()
    now.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    const p = pacing(ms, meta.duration, state.index, state.total, planned)
    pace.dataset.status = stopwatch.started ? p.status : 'waiting'
    paceText.textContent = stopwatch.started
      ? p.text
      : 'Not started: the timer starts with the first slide change, or Start'
    plannedMark.style.left = `${p.timeDone * 100}%`
    actualMark.style.left = `${p.slidesDone * 100}%`
    remaining.textContent = meta.duration
      ? `${Math.max(0, Math.ceil(meta.duration - ms / 60_000))} of ${meta.duration} min left`
      : ''
    if (!deckWindow || deckWindow.closed)
      status.textContent = 'Not connected to the deck: open the speaker view from the deck with S'
    else if (!connected) status.textContent = 'Waiting for the deck…'
    else status.textContent = ''
    if (deckWindow && !deckWindow.closed && !connected) hello()
  }

  const apply = (next_: StateMessage): void => {
    const step = `${next_.id}/${next_.fragment}`
    if (startedAt === undefined) startedAt = step
    else if (step !== startedAt) stopwatch.begin()
    const moved = next_.id !== state.id
    state = next_
    const slide = slides[state.index]
    const nextStep =
      state.fragment < state.fragments - 1
        ? { id: state.id, fragment: state.fragment + 1 }
        : state.index + 1 < slides.length
          ? { id: slides[state.index + 1]!.id, fragment: -1 }
          : undefined
    current.show(state.id, state.fragment)
    if (nextStep) next.show(nextStep.id, nextStep.fragment)
    nextPane.classList.toggle('at-end', !nextStep)
    nextLabel.textContent =
      nextStep && nextStep.id === state.id ? 'Next: the rest of this slide' : 'Next slide'
    position.textContent =
      `Slide ${state.index + 1} of ${state.total}` +
      (slide?.section ? ` · ${slide.section}` : '') +
      (state.fragments > 0 ? ` · step ${state.fragment + 2} of ${state.fragments + 1}` : '')
    notes.replaceChildren()
    const content = slide ? cloneNotes(slide.element) : []
    if (content.length) notes.append(...content)
    else notes.append(h('p', 'speaker-no-notes', 'No notes for this slide.'))
    notes.dataset.slide = state.id
    if (moved || !notes.dataset.shown) notesScroll.reset()
    notes.dataset.shown = 'true'
    document.documentElement.dataset.speakerSlide = state.id
    tick()
  }

  window.addEventListener('message', (event) => {
    if (!isDeckMessage(event.data) || event.data.type !== 'deck:state') return
    if (!isFrom(event, deckWindow)) return
    // Where the deck is when it first answers is where the talk starts, not a slide change.
    if (!connected) startedAt = `${event.data.id}/${event.data.fragment}`
    connected = true
    apply(event.data)
  })
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter'))
      return
    if (event.altKey || event.ctrlKey || event.metaKey || notesScroll.owns(event)) return
    const scroll = NOTES_KEYS[event.key]
    if (scroll) {
      event.preventDefault()
      notesScroll.page(scroll)
      return
    }
    const name = KEYS[event.key]
    if (!name) return
    event.preventDefault()
    command(name)
  })
  ui.prevButton.addEventListener('click', () => command('prev'))
  ui.nextButton.addEventListener('click', () => command('next'))
  pause.addEventListener('click', () => {
    stopwatch.toggle()
    tick()
  })
  reset.addEventListener('click', () => {
    stopwatch.reset()
    tick()
  })

  apply(state)
  hello()
  // The deck window reloaded and is listening again: hello now (it no longer knows this window).
  const started = startedChannel(deckSlug(meta))
  if (started) started.onmessage = () => deckWindow && !deckWindow.closed && hello()
  setInterval(tick, 500)
  // Every few seconds too: the deck window may have reloaded (e.g. switching to the reading
  // view) and no longer know this window.
  setInterval(() => {
    if (deckWindow && !deckWindow.closed) hello()
  }, 2000)
  document.documentElement.dataset.deckReady = 'true'
}
