import { EngineError } from './errors.js';

/**
 * Admission to the worker pool, in turn across parties (tenants).
 *
 * The pool itself serves its tasks first come, first served, so one tenant
 * that sends a burst of long runs would make every other tenant wait behind
 * all of them. Runs are therefore admitted here, at most `slots` at a time
 * (one per pool thread: a run that does not split keeps one thread busy), and
 * a freed slot goes to the next party in rotation, not to the oldest waiting
 * run: a tenant with one run waits for at most one run of each other waiting
 * tenant, however many runs those queued first. Within a party, runs keep
 * their order.
 *
 * A waiting run that is aborted (its caller gave up, or its deadline passed)
 * leaves the line at once with `aborted`.
 */
export class FairAdmission {
  private running = 0;
  /** Waiting runs by party; the Map's insertion order is the rotation (a served party moves to the back). */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(readonly slots: number) {
    if (!Number.isSafeInteger(slots) || slots < 1)
      throw new EngineError('invalid_parameter', 'slots must be a positive integer', { slots });
  }

  /** Runs `task` once `party` is admitted; the slot is freed when it settles. */
  async run<T>(party: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    await this.admit(party, signal);
    try {
      return await task();
    } finally {
      this.running--;
      this.admitNext();
    }
  }

  /** Runs admitted now, runs waiting, and the parties they belong to. */
  state(): { running: number; waiting: number; parties: number } {
    let waiting = 0;
    for (const line of this.waiting.values()) waiting += line.length;
    return { running: this.running, waiting, parties: this.waiting.size };
  }

  private admit(party: string, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(aborted(signal));
    if (this.running < this.slots && this.waiting.size === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const line = this.waiting.get(party);
        const at = line?.indexOf(waiter) ?? -1;
        if (at < 0) return;
        line!.splice(at, 1);
        if (line!.length === 0) this.waiting.delete(party);
        reject(aborted(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const line = this.waiting.get(party);
      if (line) line.push(waiter);
      else this.waiting.set(party, [waiter]);
    });
  }

  private admitNext(): void {
    while (this.running < this.slots) {
      const first = this.waiting.entries().next();
      if (first.done) return;
      const [party, line] = first.value;
      const waiter = line.shift()!;
      this.waiting.delete(party);
      if (line.length > 0) this.waiting.set(party, line);
      this.running++;
      waiter.admit();
    }
  }
}

interface Waiter {
  admit(): void;
}

function aborted(signal: AbortSignal): EngineError {
  return new EngineError('aborted', 'operation aborted', { reason: String(signal.reason) });
}
