// Messages between the deck, its speaker view (a window it opened) and the speaker view's slide
// previews (iframes). Plain objects over postMessage: no server, works on file:// too.

/** Where the deck is: sent by the deck to the speaker view on every change. */
export interface StateMessage {
  type: 'deck:state'
  /** The current slide's id. */
  id: string
  /** 0-based position of the slide and the number of slides. */
  index: number
  total: number
  /** The last fragment shown (-1: none) and how many fragments the slide has. */
  fragment: number
  fragments: number
}

/** Speaker view -> deck: "I am here, send me the state" (also after either window reloads). */
export interface HelloMessage {
  type: 'deck:hello'
}

/** Speaker view -> deck: move. */
export interface CommandMessage {
  type: 'deck:command'
  command: 'next' | 'prev' | 'first' | 'last'
}

/** Speaker view -> preview iframe: show this slide, with fragments up to `fragment`. */
export interface ShowMessage {
  type: 'deck:show'
  id: string
  fragment: number
}

/** Preview iframe -> speaker view: loaded and listening. */
export interface PreviewReadyMessage {
  type: 'deck:preview-ready'
}

/** Any message of ours. */
export type DeckMessage =
  StateMessage | HelloMessage | CommandMessage | ShowMessage | PreviewReadyMessage

/** Narrows a message event's data to one of ours. */
export function isDeckMessage(data: unknown): data is DeckMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { type?: unknown }).type === 'string' &&
    (data as { type: string }).type.startsWith('deck:')
  )
}

/**
 * The targetOrigin for postMessage to a window of this same deck: our origin, or `*` on file://
 * (whose origin is opaque). Receivers check `event.source`, so `*` leaks nothing to strangers.
 */
export function sameOrigin(): string {
  return location.origin === 'null' || location.protocol === 'file:' ? '*' : location.origin
}

/** Whether a message event came from the window we expect (and, over http, from our origin). */
export function isFrom(event: MessageEvent, source: Window | null | undefined): boolean {
  if (!source || event.source !== source) return false
  return sameOrigin() === '*' || event.origin === location.origin
}

/**
 * A BroadcastChannel (same origin only) on which a deck window that has just started says so,
 * so that a speaker view that outlived its reload says hello at once instead of at its next
 * periodic hello (which a background window may run late). It carries no state: the speaker
 * view answers over postMessage, whose sender the deck checks as always.
 */
export function startedChannel(slug: string): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'function'
    ? new BroadcastChannel(`deck-started:${slug}`)
    : undefined
}
