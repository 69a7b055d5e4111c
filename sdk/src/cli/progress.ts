import type { CliIo } from './command.js'
import { formatBytes } from './format.js'

/**
 * A one-line progress bar on stderr, redrawn at most ten times a second, and only on a terminal:
 * piped or redirected stderr gets nothing, so logs and `--json` consumers stay clean.
 *
 * @example
 * const bar = new ProgressBar(io.stderr, { label: 'hashing model.onnx', total: size })
 * await hashArtifactFile(path, { onProgress: (done) => bar.update(done) })
 * bar.done()
 */
export class ProgressBar {
  readonly #stream: CliIo['stderr']
  readonly #label: string
  readonly #total: number
  readonly #started = Date.now()
  #drawnAt = 0
  #visible = false

  constructor(stream: CliIo['stderr'], { label, total }: { label: string; total: number }) {
    this.#stream = stream
    this.#label = label
    this.#total = total
  }

  /** Whether anything is drawn at all (stderr is a terminal). */
  get enabled(): boolean {
    return this.#stream.isTTY === true
  }

  update(done: number, now = Date.now()): void {
    if (!this.enabled || (now - this.#drawnAt < 100 && done < this.#total)) return
    this.#drawnAt = now
    this.#visible = true
    this.#stream.write(`\r${this.render(done, now)}\x1b[K`)
  }

  /** Clears the bar, leaving the line for what comes next. */
  done(): void {
    if (this.#visible) this.#stream.write('\r\x1b[K')
    this.#visible = false
  }

  /** The bar's text: label, bar, percentage, amount and speed, fitted to the terminal. */
  render(done: number, now = Date.now()): string {
    const fraction = this.#total > 0 ? Math.min(1, done / this.#total) : 1
    const seconds = Math.max((now - this.#started) / 1000, 0.001)
    const figures = `${Math.floor(fraction * 100)
      .toString()
      .padStart(
        3,
      )}%  ${formatBytes(done)} / ${formatBytes(this.#total)}  ${formatBytes(done / seconds)}/s`
    const columns = this.#stream.columns ?? 80
    const width = Math.max(10, Math.min(40, columns - this.#label.length - figures.length - 6))
    const filled = Math.round(fraction * width)
    return `${this.#label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${figures}`
  }
}

/** A progress bar counting samples (evaluation) instead of bytes. */
export class SampleProgressBar extends ProgressBar {
  readonly #label: string
  readonly #total: number
  readonly #columns: number
  readonly #started = Date.now()

  constructor(stream: CliIo['stderr'], { label, total }: { label: string; total: number }) {
    super(stream, { label, total })
    this.#label = label
    this.#total = total
    this.#columns = stream.columns ?? 80
  }

  override render(done: number, now = Date.now()): string {
    const fraction = this.#total > 0 ? Math.min(1, done / this.#total) : 1
    const perSecond = done / Math.max((now - this.#started) / 1000, 0.001)
    const figures = `${String(Math.floor(fraction * 100)).padStart(3)}%  ${done.toLocaleString('en-US')} / ${this.#total.toLocaleString('en-US')} samples  ${Math.round(perSecond).toLocaleString('en-US')}/s`
    const width = Math.max(
      10,
      Math.min(40, this.#columns - this.#label.length - figures.length - 6),
    )
    const filled = Math.round(fraction * width)
    return `${this.#label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${figures}`
  }
}
