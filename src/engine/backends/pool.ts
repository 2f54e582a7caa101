import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { RunOptions } from '../cost.js';
import { EngineError } from '../errors.js';
import { FAILED, GENERATION, type PoolReply, type PoolTask } from './pool-protocol.js';

/*
 * The worker-thread pool, started on first use. Under tsx or vitest this
 * module is a .ts file and so is the worker; Node's worker threads know no
 * TypeScript, so they get tsx's loader by absolute URL (a bare '--import tsx'
 * would resolve against whatever directory the process was started in).
 */

let pool: Piscina | null = null;
let startedAt = 0;
// Gang-scheduled jobs (all parts waiting at one barrier) must not interleave, or two
// half-started gangs could hold every thread and wait for each other forever.
let gangTail: Promise<unknown> = Promise.resolve();

/** Worker threads the pool runs: one per core, at least 2 so splitting is exercised everywhere. */
export function poolThreads(): number {
  return Math.max(2, availableParallelism());
}

export function poolStarted(): boolean {
  return pool !== null;
}

function workerOptions(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { filename: new URL('./pool-worker.ts', here).href, execArgv: ['--import', tsx] };
  }
  return { filename: new URL('./pool-worker.js', here).href, execArgv: [] };
}

function getPool(): Piscina {
  if (pool === null) {
    const threads = poolThreads();
    startedAt = performance.now();
    // minThreads = maxThreads: a gang needs all its threads alive at once, and idle threads cost little.
    pool = new Piscina({ ...workerOptions(), minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  }
  return pool;
}

/** Starts the threads now and resolves once every one has answered; returns the start time in ms. */
export async function warmPool(): Promise<number> {
  const p = getPool();
  await Promise.all(Array.from({ length: p.maxThreads }, () => p.run({ kind: 'ping' } satisfies PoolTask)));
  return performance.now() - startedAt;
}

/** Stops the threads (e.g. before a CLI exits or between benchmark phases). */
export async function closePool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p !== null) await p.destroy();
}

/**
 * Runs independent tasks on the pool and reports their combined progress.
 * Each task gets its own slot in a shared progress array that the worker
 * writes and this thread polls, so no message is sent per update.
 */
export async function runTasks<R>(tasks: PoolTask[], opts: RunOptions): Promise<R[]> {
  const p = getPool();
  const progress = new Float64Array(new SharedArrayBuffer(8 * tasks.length));
  const timer = opts.onProgress === undefined ? null : setInterval(() => report(progress, opts), 100);
  try {
    const replies: PoolReply<R>[] = await Promise.all(
      tasks.map((task, slot) =>
        p.run({ ...task, progress: { buffer: progress.buffer as SharedArrayBuffer, slot } }, { signal: opts.signal ?? null }),
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
 * as one gang, alone. Abort raises `failed` in the gang's shared control
 * words instead of killing threads: every part then leaves at its next step.
 */
export function runGang<R>(tasks: PoolTask[], control: Int32Array, opts: RunOptions): Promise<R[]> {
  if (tasks.length > poolThreads()) {
    throw new EngineError('invalid_parameter', 'a gang cannot be larger than the pool', { tasks: tasks.length });
  }
  const signal = opts.signal;
  const onAbort = (): void => {
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, GENERATION);
  };
  const run = gangTail.then(async () => {
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) onAbort();
      return await runTasks<R>(tasks, { ...opts, signal: undefined });
    } catch (error) {
      if (signal?.aborted) throw new EngineError('aborted', 'operation aborted', { reason: String(signal.reason) });
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  });
  gangTail = run.catch(() => undefined);
  return run;
}

function report(progress: Float64Array, opts: RunOptions): void {
  let sum = 0;
  for (let i = 0; i < progress.length; i++) sum += progress[i];
  opts.onProgress?.(sum / progress.length);
}
