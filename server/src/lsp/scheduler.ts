// Debouncing per document: a burst of keystrokes becomes one analysis, run DELAY ms after
// the last one (the issue allows at most 150 ms).
export const ANALYSIS_DELAY_MS = 100;

export class Debouncer {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private delayMs = ANALYSIS_DELAY_MS) {}

  /** Runs `task` for `key` after the delay, replacing a pending one for the same key. */
  schedule(key: string, task: () => void, delayMs = this.delayMs): void {
    this.cancel(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      task();
    }, delayMs));
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  pending(key: string): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
