// The font faces a deck's later slides use, which the build names in the page and the page loads
// once its deck has started: a step then never waits for a font, nor lays its text out twice.

/** `<meta name="deck-fonts" content="…">`: CSS font shorthands, one per face, `|`-separated. */
export const DECK_FONTS_META = 'deck-fonts'

/** The separator of the meta's list (a font shorthand may contain spaces and commas). */
export const DECK_FONTS_SEPARATOR = '|'
