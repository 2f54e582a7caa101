import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { RunOptions } from '../cost.js';
import { EngineError } from '../errors.js';
import { FAILED, GENERATION, type PoolReply, type PoolTask } from './pool-protocol.js';

/*
 * A worker-thread pool, owned by one engine and started on first use. Under
 * tsx or vitest this module is a .ts file and so is the worker; Node's worker
 * threads know no TypeScript, so they get tsx's loader by absolute URL (a bare
 * '--import tsx' would resolve against whatever directory the process was
 * started in).
 *
 * Stopping a task means stopping its thread: an aborted task's worker is
 * terminated and replaced (piscina does both), so its memory goes back at
 * once and nothing of it keeps running.
 */

/** Worker threads a pool runs by default: one per core, at least 2 so splitting is exercised everywhere. */
export function defaultPoolThreads(): number {
  return Math.max(2, availableParallelism());
}

function workerOptions(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { filename: new URL('./pool-worker.ts', here).href, execArgv: ['--import', tsx] };
  }
  return { filename: new URL('./pool-worker.js', here).href, execArgv: [] };
}

/** A task and the buffers handed over with it (moved to the worker, not copied). */
export interface PoolJob {
  task: PoolTask;
  transfer?: ArrayBuffer[];
}

export class WorkerPool {
  readonly threads: number;
  private pool: Piscina | null = null;
  private startedAt = 0;
  private closed = false;
  // Gang-scheduled jobs (all parts waiting at one barrier) must not interleave, or two
  // half-started gangs could hold every thread and wait for each other forever.
  private gangTail: Promise<unknown> = Promise.resolve();

  constructor(threads: number = defaultPoolThreads()) {
    if (!Number.isSafeInteger(threads) || threads < 1 || threads > 1024) {
      throw new EngineError('invalid_parameter', 'poolThreads must be an integer in [1, 1024]', { poolThreads: threads });
    }
    this.threads = threads;
  }

  get started(): boolean {
    return this.pool !== null;
  }

  /** Thread ids of the live workers (a stopped task's thread is replaced by one with a new id). */
  threadIds(): number[] {
    return this.pool === null ? [] : this.pool.threads.map((w) => w.threadId);
  }

  /** Live threads (0 until first use), the share of capacity used since start (0..1) and tasks waiting for a thread. */
  stats(): { threads: number; utilization: number; queued: number } {
    const p = this.pool;
    if (p === null) return { threads: 0, utilization: 0, queued: 0 };
    return { threads: p.threads.length, utilization: p.utilization, queued: p.queueSize };
  }

  private get piscina(): Piscina {
    if (this.closed) throw new EngineError('aborted', 'the engine is closed');
    if (this.pool === null) {
      this.startedAt = performance.now();
      // minThreads = maxThreads: a gang needs all its threads alive at once, and idle threads cost little.
      this.pool = new Piscina({ ...workerOptions(), minThreads: this.threads, maxThreads: this.threads, idleTimeout: 60_000 });
    }
    return this.pool;
  }

  /** Starts the threads now and resolves once every one has answered; returns the start time in ms. */
  async warm(): Promise<number> {
    const p = this.piscina;
    await Promise.all(Array.from({ length: this.threads }, () => p.run({ kind: 'ping' } satisfies PoolTask)));
    return performance.now() - this.startedAt;
  }

  /** Stops the threads for good; later runs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const p = this.pool;
    this.pool = null;
    if (p !== null) await p.destroy();
  }

  /**
   * Runs independent tasks and reports their combined progress. Each task
   * gets its own slot in a shared progress array that the worker writes and
   * this thread polls, so no message is sent per update. On abort every task
   * still running has its thread terminated.
   */
  async runTasks<R>(jobs: PoolJob[], opts: RunOptions): Promise<R[]> {
    const p = this.piscina;
    const progress = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, jobs.length)));
    const timer = opts.onProgress === undefined ? null : setInterval(() => report(progress, opts), 100);
    try {
      const replies: PoolReply<R>[] = await Promise.all(
        jobs.map(({ task, transfer }, slot) =>
          p.run(
            { ...task, progress: { buffer: progress.buffer as SharedArrayBuffer, slot } },
            { signal: opts.signal ?? null, transferList: transfer },
          ),
        ),
      );
      const values = replies.map((reply) => {
        if (reply.ok) return reply.value;
        const { code, message, details } = reply.error;
        throw code === null ? new Error(message) : new EngineError(code, message, details);
      });
      opts.onProgress?.(1);
      return values;
    } catch (error) {
      if (opts.signal?.aborted) throw new EngineError('aborted', 'operation aborted', { reason: String(opts.signal.reason) });
      throw error;
    } finally {
      if (timer !== null) clearInterval(timer);
    }
  }

  /**
   * Like runTasks, but the tasks wait for each other at barriers, so they run
   * as one gang, alone. On abort `failed` is raised in the gang's shared
   * control words as well, so no part is left waiting at a barrier.
   */
  runGang<R>(tasks: PoolTask[], control: Int32Array, opts: RunOptions): Promise<R[]> {
    if (tasks.length > this.threads) {
      throw new EngineError('invalid_parameter', 'a gang cannot be larger than the pool', { tasks: tasks.length });
    }
    const signal = opts.signal;
    const onAbort = (): void => {
      Atomics.store(control, FAILED, 1);
      Atomics.notify(control, GENERATION);
    };
    const run = this.gangTail.then(async () => {
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (signal?.aborted) onAbort();
        return await this.runTasks<R>(
          tasks.map((task) => ({ task })),
          opts,
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    });
    this.gangTail = run.catch(() => undefined);
    return run;
  }
}

function report(progress: Float64Array, opts: RunOptions): void {
  let sum = 0;
  for (let i = 0; i < progress.length; i++) sum += progress[i];
  opts.onProgress?.(sum / progress.length);
}
