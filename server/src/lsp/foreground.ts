// Work done for the open documents (requests, analyses due after an edit) comes before the
// workspace scan: the scan asks idle() before each file and waits while any of it is in flight.
// A file the scan has begun still runs to its end (the analysis is synchronous): this only keeps
// the scan from starting the next file while an editor's request or edit waits.
export class Foreground {
  private active = 0;
  private waiters: (() => void)[] = [];

  /** Marks work begun; the function returned ends it (once, however often it is called). */
  begin(): () => void {
    this.active++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.active === 0) {
        const ws = this.waiters;
        this.waiters = [];
        for (const w of ws) w();
      }
    };
  }

  /** `fn` as foreground work: begun when called, ended when its promise settles. */
  wrap<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      const end = this.begin();
      try {
        return await fn(...args);
      } finally {
        end();
      }
    };
  }

  get busy(): boolean {
    return this.active > 0;
  }

  /** Resolves when no foreground work is in flight (at once if none is). */
  idle(): Promise<void> {
    return this.active ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }
}
