// The bench's record as Markdown, and the part of docs/performance.md it keeps. bench/latest.json is
// the one record of the latest run; the text between LATEST_BEGIN and LATEST_END in
// docs/performance.md is written from it and from nothing else.
//
//   node --import tsx bench/report.ts     writes docs/performance.md's table from bench/latest.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export const LATEST_BEGIN =
  '<!-- bench:latest:begin (written by npm run bench from bench/latest.json) -->'
export const LATEST_END = '<!-- bench:latest:end -->'

/** The record's file and the page it writes, relative to the repository's root. */
export const RECORD = 'bench/latest.json'
export const PAGE = 'docs/performance.md'

/** The machine a bench ran on, and its load at the start and the end of the run. */
export interface Host {
  cpu: string
  cores: number
  memoryGB: number
  os: string
  node: string
  loadAverageAtStart: string
  loadAverageAtEnd: string
}

export interface Machine extends Host {
  chromium: string
}

/** This machine, with the load average read at the start (`loadAtStart`) and now. */
export function hostFacts(loadAtStart: number[]): Host {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? '?'
  const fmt = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' ')
  return {
    cpu: model,
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1e9),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverageAtStart: fmt(loadAtStart),
    loadAverageAtEnd: fmt(loadavg()),
  }
}

/** One line of the table: a metric, its value per side ('' when not measured) and its ratios. */
export interface Row {
  metric: string
  values: { ours: string; baseline: string; marp: string }
  /** ours / reveal.js and ours / Marp. */
  vsReveal: string
  vsMarp: string
  target: string
  met: string
}

/** What the report reads of a run's record (bench/latest.json holds more). */
export interface BenchRecord {
  date: string
  machine: Machine
  settings: { runs: number }
  rows: Row[]
  misses: string[]
}

/** The rows as a Markdown table, one column per side and ratio. */
export function benchTable(rows: readonly Row[]): string {
  const head = [
    'metric',
    'ours',
    'reveal.js',
    'Marp',
    'ours / reveal.js',
    'ours / Marp',
    'target',
    'met?',
  ]
  const lines = rows.map((r) => [
    r.metric,
    r.values.ours,
    r.values.baseline,
    r.values.marp,
    r.vsReveal,
    r.vsMarp,
    r.target,
    r.met,
  ])
  const fmt = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [fmt(head), fmt(head.map(() => '---')), ...lines.map(fmt)].join('\n')
}

/** A run as Markdown: the machine and date, the table, and the targets it missed. */
export function benchMarkdown(record: BenchRecord): string {
  const m = record.machine
  return [
    `Bench of ${record.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ` +
      `${m.memoryGB} GB, ${m.os}, Node ${m.node}, Chromium ${m.chromium}; load ` +
      `average (1, 5, 15 min) ${m.loadAverageAtStart} at the start, ${m.loadAverageAtEnd} ` +
      `at the end. Medians of ${record.settings.runs} cold loads per page; kB = 1000 bytes.`,
    '',
    benchTable(record.rows),
    '',
    record.misses.length
      ? `Missed:\n${record.misses.map((miss) => `- ${miss}`).join('\n')}`
      : 'Every target met.',
  ].join('\n')
}

/** The page with the text between its markers replaced by the run; the markers must be there once. */
export function withLatestRun(page: string, record: BenchRecord): string {
  const begin = page.indexOf(LATEST_BEGIN)
  const end = page.indexOf(LATEST_END)
  if (
    begin < 0 ||
    end < begin ||
    page.indexOf(LATEST_BEGIN, begin + 1) >= 0 ||
    page.indexOf(LATEST_END, end + 1) >= 0
  )
    throw new Error(
      `${PAGE} must hold the markers ${LATEST_BEGIN} and ${LATEST_END} once, in order`,
    )
  return `${page.slice(0, begin + LATEST_BEGIN.length)}\n\n${benchMarkdown(record)}\n\n${page.slice(end)}`
}

/** Writes the latest run's table into docs/performance.md from bench/latest.json. */
export function writePerformancePage(root: string): void {
  const record = JSON.parse(readFileSync(resolve(root, RECORD), 'utf8')) as BenchRecord
  const file = resolve(root, PAGE)
  writeFileSync(file, withLatestRun(readFileSync(file, 'utf8'), record))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  writePerformancePage(resolve(import.meta.dirname, '..'))
