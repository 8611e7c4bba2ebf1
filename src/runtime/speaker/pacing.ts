// Pacing for the speaker view: where the talk should be by now, given the session length from the
// front matter (`duration`), against where it is. Slides are assumed to take equal time.

/** How the talk is going. */
export type PacingStatus = 'none' | 'ahead' | 'on-pace' | 'behind' | 'over'

/** Where the talk is against the plan, for the speaker view's pacing line and track. */
export interface Pacing {
  status: PacingStatus
  /** Fraction of the session gone (0..1, capped). */
  timeDone: number
  /** Fraction of the slides gone (0 on the first slide, 1 on the last). */
  slidesDone: number
  /** The slide (0-based) the talk should be on by now. */
  plannedIndex: number
  /** Minutes behind the plan (negative: ahead). */
  minutesBehind: number
  /** One line for the speaker, e.g. "2 min behind: planned slide 14". */
  text: string
}

const minutes = (ms: number): number => ms / 60_000

function round(n: number): string {
  const r = Math.round(Math.abs(n))
  return r < 1 ? '<1' : String(r)
}

/**
 * @param elapsedMs time since the talk started
 * @param durationMin the session's length; undefined when the deck does not say
 * @param index the current slide, 0-based
 * @param total the number of slides
 */
export function pacing(
  elapsedMs: number,
  durationMin: number | undefined,
  index: number,
  total: number,
): Pacing {
  const slidesDone = total > 1 ? Math.min(Math.max(index / (total - 1), 0), 1) : 1
  if (!durationMin || durationMin <= 0)
    return {
      status: 'none',
      timeDone: 0,
      slidesDone,
      plannedIndex: index,
      minutesBehind: 0,
      text: 'No session length in the front matter (duration)',
    }
  const elapsed = minutes(elapsedMs)
  const timeDone = Math.min(elapsed / durationMin, 1)
  const plannedIndex = Math.round(timeDone * Math.max(total - 1, 0))
  // Minutes the plan gives to reach this slide, against the minutes spent.
  const minutesBehind = elapsed - slidesDone * durationMin
  // Within one slide's share of the time (at least a minute) counts as on pace.
  const slack = Math.max(durationMin / Math.max(total - 1, 1), 1)
  const planned = `planned slide ${plannedIndex + 1}`
  if (elapsed > durationMin)
    return {
      status: 'over',
      timeDone,
      slidesDone,
      plannedIndex,
      minutesBehind,
      text: `${round(elapsed - durationMin)} min over the ${durationMin} min session`,
    }
  if (minutesBehind > slack)
    return {
      status: 'behind',
      timeDone,
      slidesDone,
      plannedIndex,
      minutesBehind,
      text: `${round(minutesBehind)} min behind: ${planned}`,
    }
  if (minutesBehind < -slack)
    return {
      status: 'ahead',
      timeDone,
      slidesDone,
      plannedIndex,
      minutesBehind,
      text: `${round(minutesBehind)} min ahead: ${planned}`,
    }
  return { status: 'on-pace', timeDone, slidesDone, plannedIndex, minutesBehind, text: 'On pace' }
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}
