// Code steps (```python {2|4-5|all}): each step after the first is one reveal.js fragment; this
// moves the highlighted lines as those fragments are shown and hidden. The compiler wrote the
// first step's highlight, so the block reads right before (or without) this script.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'

/** Highlights, in `block`, the lines of the step its visible step fragments have reached. */
export function showStep(block: Element): void {
  const step = block.querySelectorAll(':scope > .deck-code-step.visible').length
  block.setAttribute('data-step', String(step))
  for (const line of block.querySelectorAll('.line[data-hl]')) {
    const steps = (line.getAttribute('data-hl') ?? '').split(' ')
    line.classList.toggle('deck-hl', steps.includes(String(step)))
  }
}

/** Follows the deck's fragments in every stepped code block of the current slide. */
export class CodeStepsController implements Controller {
  private readonly bindings = new Bindings()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    this.bindings.on(this.ctx.deck, ['fragmentshown', 'fragmenthidden', 'slidechanged'], () =>
      this.render(),
    )
    this.render()
  }

  unbind(): void {
    this.bindings.clear()
  }

  render(): void {
    const slide = this.ctx.deck.getCurrentSlide()
    if (slide) for (const block of slide.querySelectorAll('.deck-code[data-steps]')) showStep(block)
  }
}
