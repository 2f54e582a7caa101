import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
}

export interface LoadReport {
  requests: number;
  failed: number;
  /** The first few failures, for the message when there are any. */
  failures: string[];
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  seconds: number;
}

export interface SteadyLoad {
  /** Stops issuing requests, waits for those in flight and reports. */
  stop(): Promise<LoadReport>;
}

const quantile = (sorted: number[], q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * A fixed request rate against `baseUrl` from `concurrency` loops, each
 * pacing itself to `ratePerSecond / concurrency` (a slow answer delays only its
 * own loop). Any answer but 2xx, and any connection error, counts as failed.
 * Bounded: it stops by itself after `maxSeconds`.
 */
export function startSteadyLoad(
  baseUrl: string,
  next: (i: number) => LoadRequest,
  o: { ratePerSecond: number; concurrency: number; maxSeconds: number },
): SteadyLoad {
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let stopping = false;
  let issued = 0;
  const started = performance.now();
  const interval = (1000 * o.concurrency) / o.ratePerSecond;
  const loop = async (lane: number) => {
    let due = performance.now() + (interval * lane) / o.concurrency;
    while (!stopping && performance.now() - started < o.maxSeconds * 1000) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      due += interval;
      const req = next(issued++);
      const t0 = performance.now();
      try {
        const res = await fetch(`${baseUrl}${req.path}`, {
          method: req.method,
          headers: { authorization: `Bearer ${req.token}`, ...(req.body ? { 'content-type': 'application/json' } : {}) },
          ...(req.body ? { body: JSON.stringify(req.body) } : {}),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        if (res.status >= 300) {
          failed++;
          if (failures.length < 10) failures.push(`${req.method} ${req.path}: ${res.status} ${text.slice(0, 200)}`);
        }
      } catch (err) {
        failed++;
        if (failures.length < 10)
          failures.push(`${req.method} ${req.path}: ${(err as Error).message} ${String((err as Error).cause ?? '')}`);
      }
      latencies.push(performance.now() - t0);
    }
  };
  const lanes = Array.from({ length: o.concurrency }, (_, lane) => loop(lane));
  return {
    async stop() {
      stopping = true;
      await Promise.all(lanes);
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        requests: latencies.length,
        failed,
        failures,
        p50_ms: quantile(sorted, 0.5),
        p99_ms: quantile(sorted, 0.99),
        max_ms: sorted.at(-1) ?? 0,
        seconds: (performance.now() - started) / 1000,
      };
    },
  };
}

/** The rolling-restart mix: per tenant, 4 in 5 requests read its lattice, 1 in 5 computes a path on it (and records the run). */
export function latticeMix(tenants: { token: string; lattice: string; side: number }[]): (i: number) => LoadRequest {
  return (i) => {
    const t = tenants[i % tenants.length];
    return i % 5 === 4
      ? {
          method: 'POST',
          path: `/api/v1/lattices/${t.lattice}/path`,
          token: t.token,
          body: { start: [0, 0], end: [t.side - 1, t.side - 1] },
        }
      : { method: 'GET', path: `/api/v1/lattices/${t.lattice}`, token: t.token };
  };
}
