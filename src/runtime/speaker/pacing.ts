// Pacing for the speaker view: where the talk should be by now, given the session length from the
// front matter (`duration`), against where it is. A file's front matter can plan its slides' time
// (`minutes:`, carried to each slide as `data-minutes`); the other slides share the rest equally.

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
 * The minutes planned for each slide: its own (`data-minutes`) where set, else an equal share of
 * what the set ones leave of the session (none when they use it all).
 */
export function slideMinutes(
  durationMin: number,
  total: number,
  planned: readonly (number | undefined)[] = [],
): number[] {
  const set = (i: number): number | undefined => {
    const m = planned[i]
    return m !== undefined && Number.isFinite(m) && m >= 0 ? m : undefined
  }
  let used = 0
  let unset = 0
  for (let i = 0; i < total; i++) {
    const m = set(i)
    if (m === undefined) unset++
    else used += m
  }
  const share = unset > 0 ? Math.max(durationMin - used, 0) / unset : 0
  return Array.from({ length: total }, (_, i) => set(i) ?? share)
}

/**
 * @param elapsedMs time since the talk started
 * @param durationMin the session's length; undefined when the deck does not say
 * @param index the current slide, 0-based
 * @param total the number of slides
 * @param planned each slide's planned minutes, where its file sets them (see {@link slideMinutes})
 */
export function pacing(
  elapsedMs: number,
  durationMin: number | undefined,
  index: number,
  total: number,
  planned: readonly (number | undefined)[] = [],
): Pacing {
  if (!durationMin || durationMin <= 0) {
    const slidesDone = total > 1 ? Math.min(Math.max(index / (total - 1), 0), 1) : 1
    return {
      status: 'none',
      timeDone: 0,
      slidesDone,
      plannedIndex: index,
      minutesBehind: 0,
      text: 'No session length in the front matter (duration)',
    }
  }
  // The plan: slide i starts once the slides before it have had their minutes, scaled so that
  // the last slide is reached at the end of the session.
  const each = slideMinutes(durationMin, total, planned)
  const starts: number[] = [0]
  for (let i = 1; i < total; i++) starts.push(starts[i - 1]! + each[i - 1]!)
  const span = starts[total - 1] ?? 0
  const at = (i: number): number => (span > 0 ? (starts[i]! / span) * durationMin : 0)
  const here = Math.min(Math.max(index, 0), Math.max(total - 1, 0))
  const slidesDone = total > 1 ? (span > 0 ? starts[here]! / span : here / (total - 1)) : 1
  const elapsed = minutes(elapsedMs)
  const timeDone = Math.min(elapsed / durationMin, 1)
  let plannedIndex = 0
  for (let i = 0; i < total; i++)
    if (at(i) <= Math.min(elapsed, durationMin) + 1e-9) plannedIndex = i
  // Minutes the plan gives to reach this slide, against the minutes spent.
  const minutesBehind = elapsed - slidesDone * durationMin
  // Within the current slide's planned time (at least a minute) counts as on pace: a discussion
  // slide planned for 10 minutes is not "behind" 5 minutes in.
  const ownShare = total > 1 && span > 0 ? (each[here]! / span) * durationMin : durationMin
  const slack = Math.max(here < total - 1 ? ownShare : durationMin / Math.max(total - 1, 1), 1)
  const plannedText = `planned slide ${plannedIndex + 1}`
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
      text: `${round(minutesBehind)} min behind: ${plannedText}`,
    }
  if (minutesBehind < -slack)
    return {
      status: 'ahead',
      timeDone,
      slidesDone,
      plannedIndex,
      minutesBehind,
      text: `${round(minutesBehind)} min ahead: ${plannedText}`,
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
