// The reveal.js API as this runtime uses it: RevealApi plus methods its typings leave out.
import type { RevealApi } from 'reveal.js'

/** The reveal.js instance, with the view checks reveal.js 6 has but does not declare. */
export type Deck = RevealApi & {
  isScrollView(): boolean
  isPrintView(): boolean
}
