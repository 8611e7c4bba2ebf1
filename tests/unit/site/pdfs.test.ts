// A PDF's stamp (src/site/pdfs.ts): what it was printed from, the slides and the tool's version;
// `npm run pdf` prints again only a PDF whose stamp no longer matches.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deckFingerprint, pdfIsCurrent, stampOf, stampPdf } from '../../../src/site/pdfs.ts'
import { compileText } from '../../helpers/deck.ts'

const tmp = mkdtempSync(join(tmpdir(), 'pdfs-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const deck = (text: string) => compileText({ '01.md': `---\ntitle: T\n---\n\n# T\n\n${text}\n` })

describe('pdfIsCurrent', () => {
  it('holds for a PDF stamped from the same slides, and not once they or its stamp changed', () => {
    const pdf = join(tmp, 's.pdf')
    const result = deck('Text.')
    expect(pdfIsCurrent(pdf, result)).toBe(false)
    writeFileSync(pdf, 'a pdf')
    expect(pdfIsCurrent(pdf, result)).toBe(false)
    stampPdf(pdf, result)
    expect(pdfIsCurrent(pdf, result)).toBe(true)
    expect(pdfIsCurrent(pdf, deck('Text.'))).toBe(true)
    expect(pdfIsCurrent(pdf, deck('Other text.'))).toBe(false)
    writeFileSync(stampOf(pdf), 'older slides\n')
    expect(pdfIsCurrent(pdf, result)).toBe(false)
  })

  it("changes its fingerprint with the tool's version", () => {
    const result = deck('Text.')
    expect(deckFingerprint(result, 'one')).toBe(deckFingerprint(result, 'one'))
    expect(deckFingerprint(result, 'one')).not.toBe(deckFingerprint(result, 'two'))
  })
})
