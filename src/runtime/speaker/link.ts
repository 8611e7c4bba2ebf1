// The deck's side of the speaker view: `S` opens the same page with `?view=speaker` in a window,
// and every slide or fragment change is posted to it. The speaker view can move the deck too.
import { Bindings, type Controller, type RuntimeContext } from '../controller.ts'
import { viewUrl } from '../mode.ts'
import type { Deck } from '../types.ts'
import {
  isDeckMessage,
  isFrom,
  sameOrigin,
  startedChannel,
  type CommandMessage,
  type StateMessage,
} from './protocol.ts'

/** The deck's position, as the speaker view wants it. */
export function deckState(deck: Deck): StateMessage {
  const slides = deck.getSlides()
  const current = deck.getCurrentSlide()
  const fragments = current ? current.querySelectorAll('.fragment').length : 0
  const visible = current ? current.querySelectorAll('.fragment.visible').length : 0
  return {
    type: 'deck:state',
    id: current?.id ?? '',
    index: current ? slides.indexOf(current) : 0,
    total: slides.length,
    fragment: visible - 1,
    fragments,
  }
}

function run(deck: Deck, command: CommandMessage['command']): void {
  if (command === 'next') deck.next()
  else if (command === 'prev') deck.prev()
  else if (command === 'first') deck.slide(0)
  else deck.slide(deck.getHorizontalSlides().length - 1)
}

/** The deck window's side of the speaker view: listens for it, posts the deck's state to it. */
export class SpeakerLinkController implements Controller {
  private readonly bindings = new Bindings()
  private speaker: Window | null = null

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck, slug } = this.ctx
    this.bindings.on(deck, ['slidechanged', 'fragmentshown', 'fragmenthidden', 'ready'], () =>
      this.post(),
    )
    this.bindings.listen<MessageEvent>(window, 'message', (event) => {
      if (!isDeckMessage(event.data)) return
      if (event.data.type === 'deck:hello') {
        // A speaker view we opened, one that outlived a reload of this window (its opener), or
        // the speaker view that opened this window (opened directly, it offers to open the deck).
        const source = event.source as Window | null
        let ours = isFrom(event, this.speaker) || (!!source && isFrom(event, window.opener))
        if (!ours && source)
          try {
            ours = source.opener === window && isFrom(event, source)
          } catch {
            ours = false
          }
        if (!ours) return
        this.speaker = source
        this.post()
      } else if (event.data.type === 'deck:command' && isFrom(event, this.speaker)) {
        run(deck, event.data.command)
      }
    })
    // A speaker view that outlived a reload of this window: tell it this deck is listening again.
    const started = startedChannel(slug)
    started?.postMessage('started')
    started?.close()
  }

  unbind(): void {
    this.bindings.clear()
  }

  /** The speaker view gets the deck's position again (the slides' number may have changed). */
  render(): void {
    this.post()
  }

  /** Opens (or focuses) the speaker view; false when the browser blocked the window. */
  open(): boolean {
    const { deck, slug } = this.ctx
    const url = viewUrl('speaker', deck.getCurrentSlide()?.id ?? '')
    const win = window.open(url, `speaker-view-${slug}`, 'popup,width=1280,height=800')
    if (!win) return false
    this.speaker = win
    win.focus()
    return true
  }

  private post(): void {
    const { speaker } = this
    if (speaker && !speaker.closed) speaker.postMessage(deckState(this.ctx.deck), sameOrigin())
  }
}
