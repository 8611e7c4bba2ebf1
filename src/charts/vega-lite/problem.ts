// A problem with a chart block, at an offset in the block's text: the caller turns the offset into
// the file's line and column. Every way a chart can fail is one of these, never a stack trace.

/** A positioned problem with a chart spec, its data or its drawing. */
export class ChartProblem extends Error {
  constructor(
    /** Offset in the block's text (0 = the block's first character). */
    readonly offset: number,
    /** A stable code for the diagnostic (`spec-syntax`, `data-refused`, `limit-rows`, …). */
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ChartProblem'
  }
}

/** `1234567` -> `1,234,567`: figures and limits in messages. */
export const figure = (n: number): string => n.toLocaleString('en')
