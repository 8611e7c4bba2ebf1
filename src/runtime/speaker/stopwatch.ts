// The speaker view's stopwatch: it starts when the talk does (the first slide change, or Start),
// not when the window opens; pauses, resets to "not started", and survives a reload of the window.

interface Saved {
  start?: number
  pausedAt?: number
}

/** Elapsed time of the talk, kept in sessionStorage under `key`. */
export class Stopwatch {
  private readonly key: string
  private start: number | undefined
  private pausedAt: number | undefined

  constructor(
    key: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = key
    const saved = this.load()
    this.start = typeof saved?.start === 'number' ? saved.start : undefined
    this.pausedAt = typeof saved?.pausedAt === 'number' ? saved.pausedAt : undefined
  }

  /** Whether the talk has started (the first slide change, or Start). */
  get started(): boolean {
    return this.start !== undefined
  }

  get paused(): boolean {
    return this.pausedAt !== undefined
  }

  /** What the start/pause button says. */
  get action(): 'Start' | 'Pause' | 'Resume' {
    return !this.started ? 'Start' : this.paused ? 'Resume' : 'Pause'
  }

  /** Milliseconds since the start, less the pauses; 0 before the start. */
  elapsed(): number {
    if (this.start === undefined) return 0
    return (this.pausedAt ?? this.now()) - this.start
  }

  /** Starts the clock if it has not started; true if it did now. */
  begin(): boolean {
    if (this.started) return false
    this.start = this.now()
    this.pausedAt = undefined
    this.save()
    return true
  }

  /** The button: start, pause or resume. */
  toggle(): void {
    if (this.begin()) return
    if (this.pausedAt === undefined) this.pausedAt = this.now()
    else {
      this.start! += this.now() - this.pausedAt
      this.pausedAt = undefined
    }
    this.save()
  }

  /** Back to "not started": the next slide change (or Start) starts it again. */
  reset(): void {
    this.start = undefined
    this.pausedAt = undefined
    this.save()
  }

  private load(): Saved | undefined {
    try {
      const text = sessionStorage.getItem(this.key)
      return text ? (JSON.parse(text) as Saved) : undefined
    } catch {
      return undefined
    }
  }

  private save(): void {
    try {
      sessionStorage.setItem(
        this.key,
        JSON.stringify({ start: this.start, pausedAt: this.pausedAt }),
      )
    } catch {
      // a reload then restarts the timer
    }
  }
}
