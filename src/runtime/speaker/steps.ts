// Moving through the talk without the deck window: what the next or previous step is, as the
// deck would answer (fragments first, then the slide). Pure: the speaker view's fallback.
import type { CommandMessage, StateMessage } from './protocol.ts'

/** Where `command` moves the talk from `state`, over slides with their fragment counts. */
export function localStep(
  state: StateMessage,
  slides: readonly { id: string; fragments: number }[],
  command: CommandMessage['command'],
): StateMessage {
  const last = slides.length - 1
  const i = state.index
  const f = state.fragment
  const move = (index: number, fragment = -1): StateMessage => ({
    ...state,
    index,
    id: slides[index]!.id,
    fragment,
    fragments: slides[index]!.fragments,
  })
  if (command === 'first') return move(0)
  if (command === 'last') return move(last)
  if (command === 'next')
    return f < state.fragments - 1 ? move(i, f + 1) : move(Math.min(i + 1, last))
  return f >= 0 ? move(i, f - 1) : move(Math.max(i - 1, 0))
}
