// Inter's advance widths (thousandths of an em, regular and semibold, measured in Chromium), for
// the widths of a chart's texts: the drawing process lays labels out with them (draw.ts), and the
// narrow layout wraps titles with them (narrow.ts).

/** The characters measured, in order. */
export const ADVANCE_CHARS =
  '0123456789 !"#$%&\'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u00b7\u2013\u2014\u2019\u2248\u2212\u00d7\u2026'

/** Their advances: regular, then semibold. */
export const ADVANCE: readonly [readonly number[], readonly number[]] = [
  [
    631, 407, 610, 618, 646, 593, 620, 566, 619, 620, 281, 288, 466, 633, 642, 982, 644, 300, 365,
    365, 501, 662, 288, 460, 288, 360, 288, 302, 662, 662, 662, 511, 966, 690, 654, 730, 722, 601,
    590, 746, 743, 269, 571, 672, 565, 903, 753, 765, 639, 765, 644, 642, 646, 744, 690, 985, 682,
    679, 629, 365, 360, 365, 471, 456, 323, 562, 612, 571, 612, 583, 370, 613, 591, 242, 242, 549,
    242, 876, 591, 600, 612, 612, 376, 528, 327, 591, 562, 818, 546, 562, 552, 426, 333, 426, 662,
    288, 500, 1000, 261, 549, 662, 662, 864,
  ],
  [
    660, 423, 623, 636, 666, 612, 640, 576, 640, 640, 252, 321, 523, 644, 650, 982, 663, 326, 373,
    373, 540, 673, 319, 465, 319, 379, 319, 329, 673, 673, 673, 543, 999, 728, 659, 737, 722, 605,
    588, 749, 746, 277, 580, 703, 565, 922, 759, 769, 645, 773, 652, 650, 660, 736, 728, 1020, 720,
    713, 652, 373, 379, 373, 481, 469, 351, 574, 624, 583, 624, 591, 389, 625, 612, 262, 262, 569,
    262, 900, 612, 609, 624, 624, 397, 549, 353, 612, 587, 839, 569, 588, 566, 455, 359, 455, 673,
    319, 500, 1000, 294, 549, 673, 673, 956,
  ],
]

/** The advance of a character not measured (erring wide). */
export const ADVANCE_OTHER = 650

/** How much wider than measured a text is counted (rounding, kerning, a little room). */
export const ADVANCE_ROOM = 1.03

const advance = new Map([...ADVANCE_CHARS].map((ch, i) => [ch, [ADVANCE[0][i]!, ADVANCE[1][i]!]]))

/** The width in px of `text` in Inter at `size` px, semibold when `bold`. */
export function textWidth(text: string, size: number, bold = false): number {
  let w = 0
  for (const ch of text) w += advance.get(ch)?.[bold ? 1 : 0] ?? ADVANCE_OTHER
  return (w / 1000) * size * ADVANCE_ROOM
}
