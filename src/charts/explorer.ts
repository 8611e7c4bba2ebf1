// The pass@k explorer's build-time markup: a working static view (chart, numbers) plus its controls.
import {
  compute,
  encodeState,
  RANGES,
  type ExplorerConfig,
  type ExplorerState,
} from '../shared/explorer/model.ts'
import { COLOURS } from '../shared/colours.ts'
import { chartSvg, crossoverText, numbersRows } from '../shared/explorer/view.ts'
import { esc } from './svg.ts'

/** The numbers table's header cells: the theme's table, tighter. */
const HEAD = `padding:3px 14px;border-bottom:3px solid ${COLOURS.ink}`

function slider(
  id: string,
  model: 'base' | 'rl',
  key: 'pass1' | 'solvable',
  label: string,
  value: number,
): string {
  const { min, max } = RANGES[key]
  const inputId = `${id}-${model}-${key}`
  return (
    `<div style="display:grid;grid-template-columns:170px 1fr 64px;align-items:center;gap:10px">` +
    `<label for="${inputId}">${label}</label>` +
    `<input type="range" id="${inputId}" name="${model}-${key}" min="${min}" max="${max}" step="1" ` +
    `value="${value}" aria-valuetext="${value} percent" ` +
    `style="width:100%;height:40px;margin:0;accent-color:${COLOURS[model]};touch-action:pan-y">` +
    `<output for="${inputId}" style="text-align:right;font-variant-numeric:tabular-nums">${value}%</output>` +
    `</div>`
  )
}

function fieldset(id: string, model: 'base' | 'rl', legend: string, s: ExplorerState): string {
  return (
    `<fieldset style="border:0;border-left:6px solid ${COLOURS[model]};margin:0 0 12px;padding:2px 0 2px 14px">` +
    `<legend style="padding:0;font-weight:700;color:${COLOURS[model]}">${legend}</legend>` +
    slider(id, model, 'pass1', 'pass@1', s[model].pass1) +
    slider(id, model, 'solvable', 'Can ever solve', s[model].solvable) +
    `</fieldset>`
  )
}

/**
 * The explorer widget. Everything the reader needs is in the HTML: the chart and numbers for the
 * default state (what print, PDF and the reading view show), the formula typeset at build time,
 * and the sliders, `hidden` until src/runtime/explorer takes over and redraws on every change.
 *
 * @param id - unique id of the widget on the page
 * @param formula - the KaTeX HTML of the formula
 */
export function explorerHtml(
  id: string,
  state: ExplorerState,
  config: ExplorerConfig,
  formula: string,
): string {
  const r = compute(state, config)
  return (
    `<div class="passk-explorer" id="${id}" data-state="${esc(encodeState(state))}" ` +
    `data-kmax="${config.kMax}" data-spread="${config.spread}" ` +
    `style="display:grid;grid-template-columns:700px 1fr;gap:28px;align-items:start;font-size:22px;line-height:1.3">` +
    `<div>` +
    `<div data-explorer-chart>${chartSvg(r, `${id}-chart`)}</div>` +
    `<div class="passk-explorer-formula" style="font-size:24px;margin-top:4px">${formula}</div>` +
    `</div>` +
    `<div>` +
    `<form data-explorer-controls data-prevent-swipe hidden aria-label="Models of the pass@k explorer">` +
    fieldset(id, 'base', 'Base model', state) +
    fieldset(id, 'rl', 'RL-trained model', state) +
    `</form>` +
    `<table style="font-size:22px;margin:4px 0 8px">` +
    `<caption style="caption-side:top;text-align:left;color:${COLOURS.muted};font-size:20px;padding-bottom:4px">` +
    `Illustrative model, not the paper’s data</caption>` +
    `<thead><tr><td style="${HEAD}"></td><th scope="col" style="${HEAD};color:${COLOURS.base}">Base</th>` +
    `<th scope="col" style="${HEAD};color:${COLOURS.rl}">RL</th></tr></thead>` +
    `<tbody data-explorer-numbers>${numbersRows(r)}</tbody></table>` +
    `<p data-explorer-status aria-live="polite" style="margin:0;font-weight:700">${esc(crossoverText(r))}</p>` +
    `</div></div>\n`
  )
}
