// What the browser runtime of a deck page is made of: its controllers, in the one order they are
// bound (once reveal.js has started), rendered again after a live update, and unbound (in
// reverse). Each serves the page modes it names. Those that only some decks need (the explorer,
// stepped code) and print's last touches load their module only when the page needs them.
import { CodeStepsController } from './code-steps.ts'
import { EnlargeController } from './enlarge.ts'
import { lazyController, type Controller, type RuntimeContext } from './controller.ts'
import { FillController } from './fill.ts'
import { FollowController } from './follow.ts'
import { FrameController } from './frame.ts'
import { HelpController } from './help.ts'
import { HistoryController } from './history.ts'
import { KeysController } from './keys.ts'
import type { PageMode } from './mode.ts'
import { PluginsController } from './plugins.ts'
import { PreviewController } from './preview.ts'
import { ReadbarController } from './readbar.ts'
import { ReadingGraphicsController } from './reading.ts'
import { SpeakerLinkController } from './speaker/link.ts'

/** One part of the runtime: its name, the page modes it serves, and how it is built. */
export interface RuntimePart {
  name: string
  modes: readonly PageMode[]
  create(ctx: RuntimeContext): Controller
}

/** The presentation and the reading view: the pages a reader moves through. */
const READ: readonly PageMode[] = ['present', 'read']

/** The parts of a deck page, in order. */
export const CONTROLLERS: readonly RuntimePart[] = [
  // The frame around the slides: section names, dots, n / N and the deck's controls.
  { name: 'frame', modes: [...READ, 'preview'], create: (ctx) => new FrameController(ctx) },
  // The speaker view's window: opened with S or the footer's button, told every step.
  { name: 'speaker-link', modes: READ, create: (ctx) => new SpeakerLinkController(ctx) },
  // S (speaker view) and R (reading view <-> presentation).
  { name: 'keys', modes: READ, create: (ctx) => new KeysController(ctx) },
  // `?` (and F1): the deck's keys, in the deck's own dialog.
  { name: 'help', modes: READ, create: (ctx) => new HelpController(ctx) },
  // reveal.js's search (Ctrl+Shift+F) and zoom, loaded once the page is idle.
  { name: 'plugins', modes: READ, create: (ctx) => new PluginsController(ctx) },
  // The URL names the slide shown; back and forward step through the slides.
  { name: 'history', modes: READ, create: (ctx) => new HistoryController(ctx) },
  // Follow-along (`npm run present`): the presenter's window posts its steps, followers follow.
  { name: 'follow', modes: READ, create: (ctx) => new FollowController(ctx) },
  // Inside the speaker view: shows the slide it asks for.
  { name: 'preview', modes: ['preview'], create: (ctx) => new PreviewController(ctx) },
  // The reading view's bar: present, the notes as a handout, the PDF, the theme.
  { name: 'readbar', modes: READ, create: (ctx) => new ReadbarController(ctx) },
  // The reading view's graphics at a readable width.
  { name: 'reading-graphics', modes: READ, create: (ctx) => new ReadingGraphicsController(ctx) },
  // Tap or click a figure, diagram or chart to see it full screen, zoomable.
  { name: 'enlarge', modes: READ, create: (ctx) => new EnlargeController(ctx) },
  // Short slides set larger, measured on the slides laid out (print fills its pages itself).
  {
    name: 'fill',
    modes: [...READ, 'preview'],
    create: (ctx) => new FillController(ctx),
  },
  // Stepped code: the highlighted lines follow the fragments.
  {
    name: 'code-steps',
    modes: [...READ, 'preview'],
    create: (ctx) =>
      lazyController(
        async () => new CodeStepsController(ctx),
        () => document.querySelector('.deck-code[data-steps]') !== null,
      ),
  },
  // The pass@k explorer's sliders (static in print and the reading view).
  {
    name: 'explorer',
    modes: [...READ, 'preview', 'print'],
    create: (ctx) =>
      lazyController(
        async () => new (await import('./explorer/index.ts')).ExplorerController(ctx),
        () => document.querySelector('.passk-explorer') !== null,
      ),
  },
  // Print: the notes under each page (`&notes`), page footers, then `data-pdf-ready`.
  {
    name: 'print',
    modes: ['print'],
    create: (ctx) =>
      lazyController(
        async () => new (await import('./print.ts')).PrintController(ctx),
        () => true,
      ),
  },
]

/** A deck page's controllers for its mode, bound, rendered and unbound together. */
export class Runtime {
  private readonly parts: { name: string; controller: Controller }[]
  private bound = false

  constructor(
    private readonly ctx: RuntimeContext,
    list: readonly RuntimePart[] = CONTROLLERS,
  ) {
    this.parts = list
      .filter((part) => part.modes.includes(ctx.mode))
      .map((part) => ({ name: part.name, controller: part.create(ctx) }))
  }

  /** The names of this page's controllers, in order. */
  get names(): string[] {
    return this.parts.map((part) => part.name)
  }

  /** A controller of this page, by name. */
  get<T extends Controller>(name: string): T | undefined {
    return this.parts.find((part) => part.name === name)?.controller as T | undefined
  }

  /** Binds every controller, in order; resolves once those loading a module are bound too. */
  bind(): Promise<void> {
    if (this.bound) return Promise.resolve()
    this.bound = true
    return this.each('bind')
  }

  /** Renders every controller again, in order (after the slides in the page changed). */
  render(): Promise<void> {
    return this.bound ? this.each('render') : Promise.resolve()
  }

  /** Unbinds every controller, the last bound first. */
  unbind(): void {
    if (!this.bound) return
    this.bound = false
    for (const { name, controller } of [...this.parts].reverse())
      try {
        controller.unbind()
      } catch (err) {
        console.error(`deck runtime: ${name}.unbind():`, err)
      }
  }

  /**
   * Lets `swap` change the slides in the page (true when it did), then renders every controller
   * again: a live update.
   */
  async change(swap: () => boolean): Promise<void> {
    const { steps } = this.ctx
    // Every slide's content is in the page while the slides change and the controllers read them.
    steps.restoreAll()
    try {
      if (swap()) await this.render()
    } finally {
      steps.resume()
    }
  }

  /** Runs `bind` or `render` on each controller in order; one failing does not stop the rest. */
  private async each(step: 'bind' | 'render'): Promise<void> {
    const { steps } = this.ctx
    // They find what they serve in the slides: every slide's content stays in the page until
    // they have (far slides' content is kept aside while presenting, fast-steps.ts).
    steps.restoreAll()
    const pending: Promise<void>[] = []
    for (const { name, controller } of this.parts) {
      const report = (err: unknown): void => console.error(`deck runtime: ${name}.${step}():`, err)
      try {
        const result = controller[step]()
        if (result) pending.push(result.catch(report))
      } catch (err) {
        report(err)
      }
    }
    await Promise.all(pending)
    steps.resume()
  }
}
