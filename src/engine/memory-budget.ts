import { EngineError } from './errors.js';

/*
 * The byte budget an engine gives its operation buffers. A run reserves its
 * estimated peak (CostEstimate.bytes) before it allocates anything and hands
 * it back when it ends, however it ends. Runs that do not fit wait in
 * arrival order (first in, first out: a large run is not overtaken forever
 * by small ones); a run that could never fit is refused at once.
 */

export interface MemoryBudgetState {
  /** The budget; Infinity when unlimited. */
  budget_bytes: number;
  /** Bytes reserved by runs in progress. */
  reserved_bytes: number;
  /** Runs holding a reservation. */
  running: number;
  /** Runs waiting for room, and the bytes they wait for. */
  waiting: number;
  waiting_bytes: number;
}

/** A granted reservation; release() is idempotent. */
export interface Reservation {
  readonly bytes: number;
  release(): void;
}

interface Waiter {
  bytes: number;
  grant: (r: Reservation) => void;
}

export class MemoryBudget {
  private reserved = 0;
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly capacity: number) {
    if (typeof capacity !== 'number' || Number.isNaN(capacity) || capacity < 0) {
      throw new EngineError('invalid_parameter', 'memoryBudgetBytes must be a non-negative number', { memoryBudgetBytes: capacity });
    }
  }

  /**
   * Reserves `bytes`, waiting in line while others hold the room; O(1) plus
   * the wait. Throws over_memory_budget when `bytes` exceeds the whole
   * budget, and aborted when `signal` fires first (nothing stays reserved).
   */
  reserve(bytes: number, signal?: AbortSignal): Promise<Reservation> {
    const need = Math.max(0, Math.ceil(bytes));
    if (!(need <= this.capacity)) {
      return Promise.reject(
        new EngineError('over_memory_budget', `the operation needs about ${need} bytes, the engine's memory budget is ${this.capacity}`, {
          bytes: need,
          budget: this.capacity,
        }),
      );
    }
    if (signal?.aborted) return Promise.reject(abortedWhileWaiting(signal));
    if (this.queue.length === 0 && this.reserved + need <= this.capacity) return Promise.resolve(this.grant(need));
    return new Promise<Reservation>((resolve, reject) => {
      const waiter: Waiter = {
        bytes: need,
        grant: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
      };
      const onAbort = (): void => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        // The head may have been the one blocking the others.
        this.drain();
        reject(abortedWhileWaiting(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  state(): MemoryBudgetState {
    return {
      budget_bytes: this.capacity,
      reserved_bytes: this.reserved,
      running: this.running,
      waiting: this.queue.length,
      waiting_bytes: this.queue.reduce((sum, w) => sum + w.bytes, 0),
    };
  }

  private grant(bytes: number): Reservation {
    this.reserved += bytes;
    this.running++;
    let held = true;
    return {
      bytes,
      release: () => {
        if (!held) return;
        held = false;
        this.reserved -= bytes;
        this.running--;
        this.drain();
      },
    };
  }

  private drain(): void {
    while (this.queue.length > 0 && this.reserved + this.queue[0].bytes <= this.capacity) {
      const next = this.queue.shift() as Waiter;
      next.grant(this.grant(next.bytes));
    }
  }
}

function abortedWhileWaiting(signal: AbortSignal): EngineError {
  return new EngineError('aborted', 'operation aborted while waiting for memory', { reason: String(signal.reason) });
}
