// TeX trust: bounds one formula's macro expansion (steps and time) and records the commands KaTeX
// runs only when trusted (with trust off, each is an error at the command).
//
// KaTeX's `maxExpand` counts expansions, not their size: `\b` defined as 500 `\a`, each 1,000
// characters wide, is 501 expansions yet half a million tokens, and KaTeX then spends minutes
// laying them out. Every token KaTeX's MacroExpander reads looks its name up in the
// macros object (`Namespace.get`/`has` call `Object.prototype.hasOwnProperty.call(current, name)`,
// katex.mjs), so a Proxy around the deck's macros object sees each step of expansion, whoever
// defined the macro (front matter, `\def`, `\newcommand`, `\gdef`) and whatever its arguments.

/**
 * Name lookups one formula may make (about one per token read). KaTeX's own test formulas take at
 * most 59 (contrib/render-a11y-string's spec). Layout grows faster than linearly with size:
 * measured here, 5,000 tokens take KaTeX 15-90 ms, 10,000 take 50-240 ms, 40,000 take 1.5-3.5 s.
 */
export const FORMULA_STEPS = 5_000
/**
 * Lookups all formulas of one deck may make together (cached repeats are free): without it, 100
 * formulas just under the formula budget would take as long as one unbounded one.
 */
export const DECK_STEPS = 100_000
/**
 * Bound of one formula's parse in CPU milliseconds, a safety net behind the deterministic step
 * budgets. CPU time, not the wall clock: a busy machine stretches the wall clock of a formula that
 * is fine, while a formula that blows up spends CPU time.
 */
export const FORMULA_MS = 1_000

/** The CPU time this process has spent, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Commands KaTeX only runs when `trust` allows them; with trust off each is an error. */
export const UNTRUSTED_COMMANDS = [
  '\\href',
  '\\url',
  '\\includegraphics',
  '\\htmlClass',
  '\\htmlId',
  '\\htmlStyle',
  '\\htmlData',
] as const

/**
 * KaTeX paints a command it refused in `errorColor`. This value cannot be written with `\color`
 * (KaTeX accepts only `#hex` and letters), so finding it in the output means a refused command,
 * even one KaTeX refused before asking `trust` (a URL with an invalid protocol).
 */
export const REFUSED_COLOR = 'deck-refused'

/** Thrown out of KaTeX when a formula's expansion passes its budget. */
export class ExpansionTooLarge extends Error {
  constructor(
    /** Offset in the formula's TeX of the macro use being expanded, best effort. */
    readonly position: number,
    /** What ran out: the formula's steps, the deck's steps or the formula's time. */
    readonly limit: 'formula' | 'deck' | 'time',
  ) {
    super('macro expansion too large')
    this.name = 'ExpansionTooLarge'
  }
}

/** Step count of a deck, keyed by its macros object (one per deck and compile). */
const deckSteps = new WeakMap<object, { steps: number }>()

/** The part of KaTeX's MacroExpander a macro defined as a function receives (katex.mjs). */
interface ExpanderContext {
  lexer?: { input?: unknown; tokenRegex?: { lastIndex?: unknown } }
}

/** One formula's guard: pass `macros` and `trust` to KaTeX, then read `untrusted`. */
export interface FormulaGuard {
  macros: Record<string, unknown>
  trust: (context: { command: string }) => boolean
  /** Untrusted commands KaTeX asked about, in order. */
  untrusted: string[]
  /** Puts the deck's macros back as they were before the formula (after a too-large failure). */
  restore: () => void
}

/**
 * Wraps the deck's macros for one formula. Reads and writes go through to `macros`, so `\gdef`
 * still defines a macro for the deck's later formulas (render.ts shares one object per deck).
 * Once the budget is spent, every name looks defined as a macro whose expansion throws
 * {@link ExpansionTooLarge}: a macro defined as a function is called with the expander, whose
 * lexer tells how far into the formula KaTeX has read.
 */
export function guardFormula(tex: string, macros: Record<string, unknown>): FormulaGuard {
  let deck = deckSteps.get(macros)
  if (!deck) deckSteps.set(macros, (deck = { steps: 0 }))
  const counter = deck
  const snapshot = { ...macros }
  const deadline = cpuMs() + FORMULA_MS
  let steps = 0
  let tripped: ExpansionTooLarge['limit'] | undefined
  let lookupsSinceTrip = 0

  const fail = (context: ExpanderContext | undefined): never => {
    const lexer = context?.lexer
    const read = lexer?.input === tex ? Number(lexer.tokenRegex?.lastIndex) : tex.length
    throw new ExpansionTooLarge(
      lastMacroUse(tex, Number.isFinite(read) ? read : tex.length),
      tripped ?? 'formula',
    )
  }
  /** The stand-in definition of every name once the budget is spent. */
  const spent = (context: ExpanderContext): never => fail(context)

  const step = (): void => {
    if (tripped) {
      // Only `has` lookups since the trip (no expansion yet): stop without the expander's help.
      if (++lookupsSinceTrip > 1_000) fail(undefined)
      return
    }
    steps++
    counter.steps++
    if (steps > FORMULA_STEPS) tripped = 'formula'
    else if (counter.steps > DECK_STEPS) tripped = 'deck'
    else if ((steps & 0xff) === 0 && cpuMs() > deadline) tripped = 'time'
  }

  const guarded = new Proxy(macros, {
    getOwnPropertyDescriptor(target, key) {
      step()
      if (tripped && typeof key === 'string')
        return { value: spent, writable: true, enumerable: true, configurable: true }
      return Reflect.getOwnPropertyDescriptor(target, key)
    },
    has(target, key) {
      step()
      return tripped !== undefined || Reflect.has(target, key)
    },
    get(target, key) {
      if (tripped && typeof key === 'string') return spent
      return Reflect.get(target, key) as unknown
    },
    set(target, key, value) {
      // The stand-in never reaches the deck's object (KaTeX's undo stack may hold it).
      if (value !== spent) Reflect.set(target, key, value)
      return true
    },
  })

  const untrusted: string[] = []
  return {
    macros: guarded,
    trust: (context) => {
      untrusted.push(context.command)
      return false
    },
    untrusted,
    restore: () => {
      for (const key of Object.keys(macros)) if (!(key in snapshot)) delete macros[key]
      Object.assign(macros, snapshot)
    },
  }
}

/** Control sequences that define the name right after them (that name is no use of a macro). */
const RE_DEFINER = /^\\(?:g?def|[ex]def|let|futurelet|(?:re)?newcommand|providecommand)$/

/** One TeX token of `tex`: a control word, a control symbol or one character. */
interface TexToken {
  text: string
  start: number
}

/** Splits `tex` into tokens up to `end` (comments dropped, as KaTeX's lexer does). */
export function texTokens(tex: string, end = tex.length): TexToken[] {
  const tokens: TexToken[] = []
  const RE_TOKEN = /\\[a-zA-Z@]+|\\[^]|%[^\n]*|[^]/gu
  RE_TOKEN.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = RE_TOKEN.exec(tex)) && m.index < end) {
    if (m[0].startsWith('%')) continue
    tokens.push({ text: m[0], start: m.index })
  }
  return tokens
}

/**
 * Offset of the macro use KaTeX was expanding when it had read `tex` up to `end`: the last control
 * word before `end` that is a use, not a name being defined (`\def\a`, `\newcommand{\a}`), and
 * not nested deeper in braces than `end` is (a macro whose argument holds further uses, as in
 * `\d{\d{x}}`, was read whole before it expanded, so the outer use is the one running); 0 if none.
 */
export function lastMacroUse(tex: string, end: number): number {
  const tokens = texTokens(tex, end)
  const uses: { start: number; depth: number }[] = []
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.text === '{') depth++
    else if (t.text === '}') depth = Math.max(0, depth - 1)
    if (!/^\\[a-zA-Z@]+$/.test(t.text) || RE_DEFINER.test(t.text)) continue
    const prev = tokens[i - 1]?.text
    const defined =
      (prev !== undefined && RE_DEFINER.test(prev)) ||
      (prev === '{' && RE_DEFINER.test(tokens[i - 2]?.text ?? ''))
    if (!defined) uses.push({ start: t.start, depth })
  }
  const outer = uses.filter((u) => u.depth <= depth)
  return (outer.at(-1) ?? uses.at(-1))?.start ?? 0
}

/** Offsets in `tex` where `command` is written (as a control word, not inside `\\`). */
export function commandOffsets(tex: string, command: string): number[] {
  return texTokens(tex)
    .filter((t) => t.text === command)
    .map((t) => t.start)
}
