/*
 * Timing and memory measurement for the engine benchmark. Times are wall
 * clock medians after a warm-up; memory is the growth of V8 heap plus ArrayBuffer memory
 * while the result is still referenced, after a full GC on both sides (the
 * process must run with --expose-gc).
 */

export interface Measured {
  median_ms: number;
  runs: number;
  /** Why fewer than the usual runs were made, if so. */
  note?: string;
  /** heapUsed + arrayBuffers growth with the result alive, in bytes. */
  memory_bytes: number;
}

export interface MeasureOptions {
  /** Timed runs after the first (which also measures memory). */
  runs: number;
  /** A first run slower than this is the only one: the median of one. */
  slowMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
/** Extra warm-up runs after the first, while they take under WARMUP_MS in all. */
const WARMUP_RUNS = 5;
const WARMUP_MS = 1000;

function footprint(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs fn once for memory (and as warm-up), up to 5 more times to warm up (1 s at most), then `runs` times for the median. */
export function measure(fn: () => unknown, options: MeasureOptions): Measured {
  if (gc === undefined) throw new Error('run with node --expose-gc so memory can be measured');
  const before = footprint();
  const t0 = performance.now();
  let kept: unknown = fn();
  const first = performance.now() - t0;
  const memory = footprint() - before;
  kept = null;
  if (first > options.slowMs) {
    return { median_ms: first, runs: 1, note: `one run: it takes over ${options.slowMs / 1000} s`, memory_bytes: memory };
  }
  // More warm-up while it is cheap: the JIT tiers up over the first few calls, and the allocator settles.
  let warmed = first;
  for (let i = 0; i < WARMUP_RUNS && warmed < WARMUP_MS; i++) {
    const t = performance.now();
    kept = fn();
    kept = null;
    warmed += performance.now() - t;
  }
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const t = performance.now();
    kept = fn();
    times.push(performance.now() - t);
    kept = null;
  }
  void kept;
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { median_ms: median, runs: options.runs, memory_bytes: memory };
}
