/**
 * A progress bar on stderr: drawn only when stderr is a terminal and the work has taken more than
 * a second, so quick runs and pipes stay clean.
 */
export class ProgressBar {
  private readonly write: ((s: string) => void) | undefined;
  private readonly label: string;
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(write: ((s: string) => void) | undefined, label: string) {
    this.write = write;
    this.label = label;
  }

  update(fraction: number, detail = ''): void {
    if (!this.write) return;
    const now = performance.now();
    if (now - this.started < 1000 || (now - this.lastDraw < 100 && fraction < 1)) return;
    this.lastDraw = now;
    const width = 30;
    const f = Math.max(0, Math.min(1, fraction));
    const full = Math.round(f * width);
    const elapsed = (now - this.started) / 1000;
    const eta = f > 0 ? elapsed * (1 / f - 1) : NaN;
    const etaText = Number.isFinite(eta) ? ` eta ${eta.toFixed(0)} s` : '';
    this.write(`\r${this.label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(0)}% ${detail} ${elapsed.toFixed(1)} s${etaText}\x1b[K`);
    this.drawn = true;
  }

  done(): void {
    if (this.write && this.drawn) this.write('\r\x1b[K');
  }
}
