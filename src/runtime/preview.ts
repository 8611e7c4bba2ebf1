// A slide preview inside the speaker view (`?receiver`): an inert copy of the deck that shows the
// slide (and fragment) the speaker view asks for, and nothing else.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { isDeckMessage, isFrom, sameOrigin } from './speaker/protocol.ts'

export class PreviewController implements Controller {
  private readonly bindings = new Bindings()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck } = this.ctx
    document.body.inert = true
    this.bindings.add(() => void (document.body.inert = false))
    this.bindings.listen<MessageEvent>(window, 'message', (event) => {
      if (!isDeckMessage(event.data) || event.data.type !== 'deck:show') return
      if (!isFrom(event, window.parent)) return
      const slide = document.getElementById(event.data.id)
      if (!slide) return
      const { h, v } = deck.getIndices(slide)
      deck.slide(h, v, event.data.fragment)
    })
    window.parent.postMessage({ type: 'deck:preview-ready' }, sameOrigin())
  }

  unbind(): void {
    this.bindings.clear()
  }

  render(): void {}
}
