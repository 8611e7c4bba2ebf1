// Follow-along, when the page is served by `npm run present`. The presenter's window (its URL holds
// `?presenter=<secret>`) posts its slide and fragment on every step (and every few seconds, so a
// restarted server learns it again); a follower's page (`?follow`) listens to the server's stream
// and shows the same slide and fragment. A follower that moves on its own (keys, swipes,
// scrolling, links, back) stops following and gets a "Follow presenter" button that returns it to
// the presenter's slide. A page opened without either parameter does nothing here.
import '../theme/follow.css'
import {
  FOLLOW_EVENTS,
  FOLLOW_LINK,
  FOLLOW_PARAM,
  FOLLOW_QR,
  FOLLOW_POSITION,
  PRESENTER_PARAM,
  readPosition,
  type FollowPosition,
} from '../shared/follow.ts'
import { Bindings, type Controller, type RuntimeContext } from './controller.ts'
import type { Deck } from './types.ts'

/** Where a presenter's window keeps its secret (a view switch drops it from the URL). */
const SECRET_KEY = 'deck-presenter-secret'
/** A follower refused by a full server asks again after this long (ms). */
const REFUSED_RETRY_MS = 10_000
/** How long a follower sees "Following the presenter" once it follows (ms). */
const NOTE_MS = 4000
/** The presenter's window posts its position again this often (ms). */
export const HEARTBEAT_MS = 3000

/** The deck's position now, as a follow message. */
export function currentPosition(deck: Deck, slug: string): FollowPosition {
  const { h, v, f } = deck.getIndices()
  return {
    deck: slug,
    id: deck.getCurrentSlide()?.id ?? '',
    h: h ?? 0,
    v: v ?? 0,
    f: typeof f === 'number' ? f : -1,
  }
}

/** The role the URL (or this tab's earlier URL) gives the page. */
export function followRole(
  search: string = location.search,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = sessionStorage,
): { role: 'presenter'; secret: string } | { role: 'follower' } | undefined {
  const query = new URLSearchParams(search)
  const given = query.get(PRESENTER_PARAM)
  if (given) {
    try {
      storage?.setItem(SECRET_KEY, given)
    } catch {
      // No storage (a private window's quota): the URL still holds it.
    }
    return { role: 'presenter', secret: given }
  }
  if (query.has(FOLLOW_PARAM)) return { role: 'follower' }
  let kept: string | null = null
  try {
    kept = storage?.getItem(SECRET_KEY) ?? null
  } catch {
    kept = null
  }
  return kept ? { role: 'presenter', secret: kept } : undefined
}

/** The presenter's side: posts the deck's position, one request at a time, the latest winning. */
class Presenter {
  private sending = false
  private pending = false

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly secret: string,
    private readonly bindings: Bindings,
  ) {}

  bind(): void {
    const { deck } = this.ctx
    this.bindings.on(deck, ['slidechanged', 'fragmentshown', 'fragmenthidden'], () => this.send())
    this.bindings.interval(() => this.send(), HEARTBEAT_MS)
    this.bindings.add(() => staleNotice(false))
    this.send()
    void this.showQr()
  }

  /** The title slide shows the follow URL and its QR code (both from the server). */
  private async showQr(): Promise<void> {
    let url: unknown
    try {
      const res = await fetch(FOLLOW_LINK)
      if (!res.ok) return
      url = ((await res.json()) as { url?: unknown }).url
    } catch {
      return
    }
    const slide = document.querySelector<HTMLElement>('.reveal .slides > section.title-slide')
    if (typeof url !== 'string' || !slide || slide.querySelector('.deck-follow-qr')) return
    const figure = document.createElement('figure')
    figure.className = 'deck-follow-qr'
    const img = document.createElement('img')
    img.src = FOLLOW_QR
    img.alt = `QR code of ${url}`
    const caption = document.createElement('figcaption')
    const lead = document.createElement('strong')
    lead.textContent = 'Follow on your phone'
    const link = document.createElement('span')
    link.textContent = url.replace(/^https?:\/\//, '')
    caption.append(lead, link)
    figure.append(img, caption)
    // The title slide's content may be kept aside while far from the slide shown (fast-steps.ts).
    this.ctx.steps.restoreAll()
    slide.append(figure)
    this.ctx.steps.resume()
    this.bindings.add(() => figure.remove())
  }

  send(): void {
    if (this.sending) {
      this.pending = true
      return
    }
    this.sending = true
    const body = JSON.stringify(currentPosition(this.ctx.deck, this.ctx.slug))
    fetch(FOLLOW_POSITION, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.secret}`, 'Content-Type': 'application/json' },
      body,
    })
      .then((res) => staleNotice(res.status === 403))
      .catch(() => undefined)
      .finally(() => {
        this.sending = false
        if (this.pending) {
          this.pending = false
          this.send()
        }
      })
  }
}

/** A presenter whose secret the server refuses (it restarted with a new one) is told so. */
function staleNotice(show: boolean): void {
  let box = document.querySelector<HTMLElement>('.deck-follow-stale')
  if (!show) return void box?.remove()
  if (box) return
  box = document.createElement('p')
  box.className = 'deck-follow-stale'
  box.setAttribute('role', 'status')
  box.textContent =
    'Followers are not following: this presenter link is out of date. Open the presenter URL npm run present printed last.'
  document.body.append(box)
}

/** A follower's side: the presenter's stream, the deck moved along, the button to return. */
class Follower {
  private source: EventSource | undefined
  private remote: FollowPosition | undefined
  /** Where the deck was sent last, and when. */
  private target: { h: number; v: number; f: number } | undefined
  private appliedAt = -Infinity
  private inputAt = -Infinity
  private applying = false
  private following = true
  private button: HTMLButtonElement | undefined
  private note: HTMLElement | undefined
  private noteShown = 0

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly bindings: Bindings,
  ) {}

  bind(): void {
    const { deck } = this.ctx
    const root = document.documentElement
    root.dataset.follow = 'following'
    this.bindings.add(() => delete root.dataset.follow)
    // The reader's own input (back and forward too): a move after one is the reader's; a move
    // without one is the deck settling on the presenter's position (the reading view scrolling).
    for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'popstate', 'hashchange'])
      this.bindings.listen(window, type, () => (this.inputAt = performance.now()), {
        capture: true,
        passive: true,
      })
    this.bindings.on(deck, ['slidechanged', 'fragmentshown', 'fragmenthidden'], () => this.moved())
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'deck-follow'
    button.textContent = 'Follow presenter'
    button.hidden = true
    button.addEventListener('click', () => this.follow())
    // A word that this page follows the presenter, for a few seconds after it starts to.
    const note = document.createElement('p')
    note.className = 'deck-follow-note'
    note.setAttribute('role', 'status')
    note.hidden = true
    document.body.append(button, note)
    this.button = button
    this.note = note
    this.bindings.add(() => {
      button.remove()
      note.remove()
    })
    this.connect()
    this.announce()
  }

  /** Shows "Following the presenter" for a few seconds. */
  private announce(): void {
    const { note } = this
    if (!note) return
    note.textContent = 'Following the presenter'
    note.hidden = false
    const shown = (this.noteShown = performance.now())
    this.bindings.timeout(() => {
      if (this.noteShown === shown) note.hidden = true
    }, NOTE_MS)
  }

  private connect(): void {
    // EventSource reconnects by itself (the server asks for a second), after a restart too.
    const source = new EventSource(FOLLOW_EVENTS)
    this.source = source
    source.onmessage = (event: MessageEvent<string>) => {
      let data: unknown
      try {
        data = JSON.parse(event.data)
      } catch {
        return
      }
      const position = readPosition(data)
      if (!position || position.deck !== this.ctx.slug) return
      this.remote = position
      if (this.following) this.apply(position)
    }
    // A refused stream (the server is full: 503) is closed for good: ask again later.
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED || this.source !== source) return
      this.bindings.timeout(() => {
        if (this.source === source) this.connect()
      }, REFUSED_RETRY_MS)
    }
    this.bindings.add(() => source.close())
  }

  /** Follows the presenter again, from its position now. */
  follow(): void {
    this.following = true
    document.documentElement.dataset.follow = 'following'
    if (this.button) this.button.hidden = true
    if (this.remote) this.apply(this.remote)
    this.announce()
  }

  private detach(): void {
    this.following = false
    document.documentElement.dataset.follow = 'detached'
    if (this.button) this.button.hidden = false
    if (this.note) this.note.hidden = true
  }

  /** The indices of the presenter's slide in this page (by id, else by its indices). */
  private indicesOf(position: FollowPosition): { h: number; v: number; f: number } {
    const slide = position.id ? document.getElementById(position.id) : null
    if (slide?.matches('.slides section')) {
      const { h, v } = this.ctx.deck.getIndices(slide)
      return { h: h ?? 0, v: v ?? 0, f: position.f }
    }
    return { h: position.h, v: position.v, f: position.f }
  }

  private apply(position: FollowPosition): void {
    const { deck } = this.ctx
    const target = this.indicesOf(position)
    this.target = target
    this.appliedAt = performance.now()
    if (this.at(target)) return
    this.applying = true
    try {
      deck.slide(target.h, target.v, target.f)
    } finally {
      this.applying = false
    }
  }

  /** Whether the deck shows `target` (its slide, in the reading view: every fragment is shown). */
  private at(target: { h: number; v: number; f: number }): boolean {
    const now = currentPosition(this.ctx.deck, this.ctx.slug)
    const fragment = this.ctx.deck.isScrollView() || now.f === target.f
    return now.h === target.h && now.v === target.v && fragment
  }

  /** The deck moved: away from the presenter's position, by the reader's own input: detach. */
  private moved(): void {
    if (this.applying || !this.following) return
    if (this.target && this.at(this.target)) return
    if (this.inputAt > this.appliedAt) this.detach()
  }

  /** For tests: whether this page follows the presenter now. */
  get isFollowing(): boolean {
    return this.following
  }

  /** For tests: the stream's state (0 connecting, 1 open, 2 closed). */
  get readyState(): number {
    return this.source?.readyState ?? 2
  }
}

/** Follow-along's part of a deck page: the presenter's or a follower's side, or nothing. */
export class FollowController implements Controller {
  private readonly bindings = new Bindings()
  private side: Presenter | Follower | undefined

  constructor(private readonly ctx: RuntimeContext) {}

  bind(): void {
    const role = followRole()
    if (!role) return
    this.side =
      role.role === 'presenter'
        ? new Presenter(this.ctx, role.secret, this.bindings)
        : new Follower(this.ctx, this.bindings)
    this.side.bind()
  }

  render(): void {}

  unbind(): void {
    this.bindings.clear()
    this.side = undefined
  }

  /** The follower's side, if this page is one (for tests and the console). */
  get follower(): Follower | undefined {
    return this.side instanceof Follower ? this.side : undefined
  }
}
