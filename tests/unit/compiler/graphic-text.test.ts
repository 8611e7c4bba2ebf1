// The smallest rendered text size of an SVG: viewBox scaling, attributes, style, inheritance.
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { smallestTextSize, transformScale } from '../../../src/compiler/graphic-text.ts'
import { ROOT } from '../../helpers/deck.ts'

const size = (svg: string, width: number, inherited?: number): number | undefined =>
  smallestTextSize(svg, width, { inheritedFontSize: inherited })?.size

describe('smallestTextSize', () => {
  it('scales font-size attributes by the viewBox to the shown width', () => {
    const svg = '<svg viewBox="0 0 600 100"><text font-size="20">a</text></svg>'
    expect(size(svg, 600)).toBe(20)
    expect(size(svg, 300)).toBe(10)
    expect(size(svg, 1200)).toBe(40)
  })

  it('reads a size named like an Object property as no size (inherited), never NaN', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf'])
      expect(
        size(`<svg viewBox="0 0 100 10"><text font-size="${name}">a</text></svg>`, 100, 20),
      ).toBe(20)
  })

  it('uses the width attribute when there is no viewBox', () => {
    expect(size('<svg width="400"><text font-size="24">a</text></svg>', 200)).toBe(12)
    expect(size('<svg><text font-size="24">a</text></svg>', 200)).toBe(24)
  })

  it('inherits sizes from <g> and the root, relative units against the parent', () => {
    const svg =
      '<svg viewBox="0 0 100 10" font-size="30"><g font-size="20"><text>big <tspan font-size="0.5em">small</tspan></text></g>' +
      '<g style="font-size:150%"><text>x</text></g></svg>'
    expect(smallestTextSize(svg, 100)).toEqual({ size: 10, text: 'small' })
    expect(
      size('<svg viewBox="0 0 100 10"><g font-size="150%"><text>x</text></g></svg>', 100, 20),
    ).toBe(30)
  })

  it('takes the inherited page size when nothing sets one', () => {
    expect(size('<svg viewBox="0 0 200 10"><text>a</text></svg>', 100)).toBe(8)
    expect(size('<svg viewBox="0 0 200 10"><text>a</text></svg>', 100, 32)).toBe(16)
  })

  it('lets a style attribute beat a <style> rule, and a rule beat the attribute', () => {
    const svg =
      '<svg viewBox="0 0 100 10"><style>.l { font-size: 12px } text.b { font: bold 14px/1.2 sans-serif }</style>' +
      '<text class="l" font-size="40">rule</text>' +
      '<text class="l" font-size="40" style="fill:red; font-size: 30px">inline</text>' +
      '<text class="b">shorthand</text></svg>'
    expect(smallestTextSize(svg, 100)).toEqual({ size: 12, text: 'rule' })
    const noRule = svg.replace('.l { font-size: 12px }', '')
    expect(smallestTextSize(noRule, 100)).toEqual({ size: 14, text: 'shorthand' })
  })

  it('follows scale() and matrix() transforms', () => {
    expect(transformScale('translate(10 20) scale(0.5)')).toBe(0.5)
    expect(transformScale('scale(2, 3)')).toBe(3)
    expect(transformScale('rotate(-90)')).toBe(1)
    expect(transformScale('matrix(0 -2 2 0 0 0)')).toBe(2)
    const svg =
      '<svg viewBox="0 0 100 10"><g transform="scale(0.5)"><text font-size="30">a</text></g></svg>'
    expect(size(svg, 100)).toBe(15)
  })

  it('ignores empty text, comments, CDATA in styles, and closed siblings', () => {
    const svg =
      '<svg viewBox="0 0 100 10"><!-- <text font-size="1">x</text> -->' +
      '<g font-size="5"><rect width="1" height="1"/></g><text font-size="22">  </text>' +
      '<text font-size="25">&amp; kept</text></svg>'
    expect(smallestTextSize(svg, 100)).toEqual({ size: 25, text: '& kept' })
    expect(smallestTextSize('<svg viewBox="0 0 10 10"><rect/></svg>', 10)).toBeUndefined()
  })

  it('measures pt, px and keywords', () => {
    expect(size('<svg viewBox="0 0 10 10"><text font-size="15pt">a</text></svg>', 10)).toBe(20)
    expect(size('<svg viewBox="0 0 10 10"><text font-size="18px">a</text></svg>', 10)).toBe(18)
    expect(size('<svg viewBox="0 0 10 10"><text font-size="small">a</text></svg>', 10)).toBe(13)
  })
})

describe("the deck's diagrams", () => {
  const dir = resolve(ROOT, 'assets/diagrams')
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
    it(`${file}: no text below 20 px at its natural width (the column or slide it is drawn for)`, () => {
      const svg = readFileSync(resolve(dir, file), 'utf8')
      const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1])
      expect(width).toBeGreaterThan(0)
      const smallest = smallestTextSize(svg, width, { inheritedFontSize: 32 })
      expect(smallest, file).toBeDefined()
      expect(smallest!.size, `${file}: "${smallest!.text}"`).toBeGreaterThanOrEqual(20)
    })
  }
})
