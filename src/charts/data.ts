// A ```chart block's data: a JSON file in the deck's folder, read at build time through the deck's
// file-access policy and checked before anything is drawn.
import { BUDGETS, dataOverBudget, readDeckFile, type Roots } from '../untrusted/index.ts'

/** The figure cards' file, in the deck's folder. */
export const FIGURES_FILE = 'data/paper-figures.json'

/** A data file that is missing, not JSON, over its budget, or not the shape its chart needs. */
export class ChartDataError extends Error {
  constructor(
    message: string,
    /** The diagnostic code, when it is not `chart-data` (a budget's). */
    readonly code = 'chart-data',
  ) {
    super(message)
  }
}

type Json = unknown

function read(
  file: string,
  deckDir: string,
  roots: Roots,
): { json: Json; fail: (msg: string) => never } {
  const fail = (msg: string): never => {
    throw new ChartDataError(`${file}: ${msg}`)
  }
  // Through the file-access policy: a link out of the deck's folders, a FIFO or a file over the
  // data budget is refused (with what the refusal says, never the file's content).
  const got = readDeckFile(file, deckDir, roots, { maxBytes: BUDGETS.dataBytes })
  if ('code' in got && got.code === 'file-too-large')
    throw new ChartDataError(`${file}: ${got.message}`, 'budget-data-bytes')
  if ('code' in got) return fail(got.code === 'missing-file' ? 'not found' : got.message)
  let json: Json
  try {
    json = JSON.parse(got.bytes.toString('utf8')) as Json
  } catch {
    // Not the parser's message: it quotes the file's text.
    return fail('not valid JSON')
  }
  const over = dataOverBudget(json, file)
  if (over) throw new ChartDataError(over.message, over.code)
  return { json, fail }
}

const isObject = (x: Json): x is Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

function str(o: Record<string, Json>, key: string, fail: (m: string) => never, at = ''): string {
  const v = o[key]
  return typeof v === 'string' && v.trim() !== ''
    ? v
    : fail(`${at}${key} must be a non-empty string`)
}

/** A figure of the paper that publishes no numbers: described and linked, never redrawn. */
export interface PaperFigure {
  /** What the figure shows, in one line. */
  what: string
  /** The caption, verbatim. */
  caption: string
  /** Where it is in the paper (version, section, figure). */
  where: string
  /** A link to the figure in the paper (https). */
  url: string
}

/** The paper's figures by number (the deck's figures file). */
export interface PaperFigures {
  source: string
  description: string
  figures: Record<string, PaperFigure>
}

/** Reads the deck's figures file and checks every figure has its four texts and an https link. */
export function loadFigures(deckDir: string, roots: Roots): PaperFigures {
  const { json, fail } = read(FIGURES_FILE, deckDir, roots)
  if (!isObject(json)) return fail('must be a JSON object')
  const figures = json.figures
  if (!isObject(figures) || Object.keys(figures).length === 0)
    return fail('figures must map figure numbers to figures')
  const out = new Map<string, PaperFigure>()
  for (const [n, f] of Object.entries(figures)) {
    const at = `figures.${n}.`
    if (!isObject(f)) return fail(`figures.${n} must be an object`)
    const url = str(f, 'url', fail, at)
    if (!/^https:\/\/[^\s"<>]+$/.test(url)) fail(`${at}url must be an https link`)
    out.set(n, {
      what: str(f, 'what', fail, at),
      caption: str(f, 'caption', fail, at),
      where: str(f, 'where', fail, at),
      url,
    })
  }
  return {
    source: str(json, 'source', fail),
    description: str(json, 'description', fail),
    figures: Object.fromEntries(out),
  }
}
