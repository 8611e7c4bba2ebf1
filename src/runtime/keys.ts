// The deck's own keys (in reveal.js's help too): S opens the speaker view, R switches between the
// presentation and the reading view on the slide shown.
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import { isNarrow, viewUrl } from './mode.ts'

export class KeysController implements Controller {
  private readonly bindings = new Bindings()

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const { deck, actions } = this.ctx
    this.bindings.key(
      deck,
      { keyCode: 83, key: 'S', description: 'Speaker view' },
      actions.openSpeaker,
    )
    this.bindings.key(deck, { keyCode: 82, key: 'R', description: 'Reading view' }, () => {
      const id = deck.getCurrentSlide()?.id ?? ''
      location.href = deck.isScrollView() ? viewUrl('present', id, isNarrow()) : viewUrl('read', id)
    })
  }

  unbind(): void {
    this.bindings.clear()
  }

  render(): void {}
}
