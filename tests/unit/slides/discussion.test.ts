// The session deck as a discussion: open questions on slides of their own, each with notes that
// say what the paper says and what it leaves open; a limitations slide; the background the seed
// deck did not have in an appendix after the conclusion; and one spelling for each name.
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../../src/compiler/index.ts'
import { newestDeck } from '../../helpers/sessions.ts'
import { ROOT } from '../../helpers/deck.ts'

const DECK = newestDeck()
const { deck } = compileDeck(DECK, { root: ROOT })
const slides = deck.slides.map((s) => {
  const $ = load(s.html, null, false)
  const notes = $('aside.notes').text()
  $('aside.notes').remove()
  const title = $('h1, h2').first().text()
  return { id: s.id, section: s.section, title, text: $.root().text(), notes, $ }
})

describe('open questions', () => {
  const questions = slides.filter((s) => s.$('.kicker').text().trim() === 'Open question')

  it('at least four slides are open questions, in the paper discussion', () => {
    expect(questions.length).toBeGreaterThanOrEqual(4)
    for (const q of questions) {
      expect(q.section, `#/${q.id}`).toBe('Paper discussion')
      expect(q.title, `#/${q.id}`).toMatch(/\?$/)
    }
  })

  for (const q of questions)
    it(`#/${q.id}: the notes say what the paper says and what it leaves open`, () => {
      expect(q.notes).toContain('What the paper says.')
      expect(q.notes).toContain('What it leaves open.')
    })

  it('each follows the slide whose evidence raises it, not a block at the end', () => {
    const at = (id: string): number => slides.findIndex((s) => s.id === id)
    const order: [string, string][] = [
      ['passk-explorer', 'question-rare-paths'],
      ['more-rl-training-pass1-up-pass256-down', 'question-longer-rl'],
      ['authors-summary', 'question-new-reasoning'],
      ['figure-7-the-models-compared', 'question-distillation'],
    ]
    for (const [before, question] of order) expect(at(question)).toBe(at(before) + 1)
  })
})

describe('the deck’s structure', () => {
  const sections = [...new Set(slides.map((s) => s.section).filter(Boolean))]

  it('has a limitations slide in the conclusion', () => {
    const lim = slides.find((s) => s.id === 'limitations')
    expect(lim?.section).toBe('Conclusion')
    for (const fact of ['32B', '450 steps', '30 problems', '24/25 vs 23/25', '5/6 vs 4/6'])
      expect(lim!.text).toContain(fact)
  })

  it('puts the appendix after the conclusion, and later work last', () => {
    expect(sections.slice(-3)).toEqual(['Conclusion', 'Appendix', 'Later work'])
    const appendix = slides.filter((s) => s.section === 'Appendix').map((s) => s.id)
    expect(appendix).toEqual(['rlvr-in-practice', 'computing-passk-stably'])
  })

  it('keeps thirteen slides before the paper starts: title, outline, ground rules, background', () => {
    const first = slides.findIndex((s) => s.section === 'Paper discussion')
    expect(first).toBe(13)
  })
})

describe('names, one spelling each', () => {
  const files = readdirSync(DECK)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ f, text: readFileSync(resolve(DECK, f), 'utf8') }))
  const data = readdirSync(resolve(DECK, 'data')).map((f) => ({
    f,
    text: readFileSync(resolve(DECK, 'data', f), 'utf8'),
  }))

  it('has no look-alike hyphen (U+2011) and no "Coder-R1" or "Qwen-2.5" in the slides or data', () => {
    for (const { f, text } of [...files, ...data]) {
      expect(text, f).not.toContain('\u2011')
      expect(text, f).not.toMatch(/Coder-R1|Qwen-2\.5/)
    }
  })

  it('names the code model in full where it first appears (CodeR1-Zero-Qwen2.5-7B), then Code-R1', () => {
    const first = slides.find((s) => /Code-?R1/.test(s.text))
    expect(first?.id).toBe('experimental-setup')
    expect(first!.text).toContain('CodeR1-Zero-Qwen2.5-7B')
    expect(slides.some((s) => s.id !== first!.id && s.text.includes('Code-R1'))).toBe(true)
  })

  it('gives the paper’s title in full on the title slide', () => {
    expect(deck.meta.title).toBe(
      'Does Reinforcement Learning Really Incentivize Reasoning Capacity in LLMs Beyond the Base Model?',
    )
    expect(slides[0]!.$('h1').text()).toBe(deck.meta.title)
  })
})
