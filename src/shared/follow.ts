// Follow-along: what the presenter's window, the `npm run present` server and the followers' pages
// say to each other. The presenter POSTs its position (with the secret of its URL) to
// FOLLOW_POSITION; the server checks it and sends it to every page listening on FOLLOW_EVENTS
// (server-sent events); a follower shows that slide and fragment.

/** The server-sent-events stream of the presenter's positions. */
export const FOLLOW_EVENTS = '/_follow/events'
/** Where the presenter's window POSTs its position. */
export const FOLLOW_POSITION = '/_follow/position'
/** The follow URL as a QR code (SVG), for the title slide of the presenter's window. */
export const FOLLOW_QR = '/_follow/qr.svg'
/** The follow URL itself (JSON: `{ "url": … }`). */
export const FOLLOW_LINK = '/_follow/link'
/** The URL parameter of a follower's page (`?follow`). */
export const FOLLOW_PARAM = 'follow'
/** The URL parameter holding the presenter's secret (`?presenter=<secret>`). */
export const PRESENTER_PARAM = 'presenter'
/** The largest position body the server reads (bytes). */
export const MAX_POSITION_BYTES = 1024

/** The presenter's position: the deck, the slide (id and indices) and the fragment shown. */
export interface FollowPosition {
  /** The deck's folder name (a follower of another deck ignores it). */
  deck: string
  /** The slide's id (`''` when it has none). */
  id: string
  h: number
  v: number
  /** The last fragment shown, -1 for none. */
  f: number
}

const LIMIT = 100_000
const isIndex = (n: unknown, min: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= LIMIT
/** Slide ids and deck names: the characters the build writes in them. */
const NAME = /^[\p{L}\p{N}._~-]{0,200}$/u

/** A position read from untrusted JSON, or undefined when it is not one (extra keys are dropped). */
export function readPosition(value: unknown): FollowPosition | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const v = value as Record<string, unknown>
  if (typeof v.deck !== 'string' || !NAME.test(v.deck)) return undefined
  if (typeof v.id !== 'string' || !NAME.test(v.id)) return undefined
  if (!isIndex(v.h, 0) || !isIndex(v.v, 0) || !isIndex(v.f, -1)) return undefined
  return { deck: v.deck, id: v.id, h: v.h, v: v.v, f: v.f }
}

/** Whether two positions name the same slide and fragment. */
export function samePosition(
  a: FollowPosition | undefined,
  b: FollowPosition | undefined,
): boolean {
  return (
    !!a && !!b && a.deck === b.deck && a.id === b.id && a.h === b.h && a.v === b.v && a.f === b.f
  )
}
