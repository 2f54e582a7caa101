import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One endpoint in one second, as load/locustfile.py records it. */
export interface EndpointSecond {
  n: number;
  ok: number;
  throttled: number;
  errors: number;
  /** Latency bucket (ms, three significant digits) → responses; 429s are not in it. */
  hist: Record<string, number>;
  /** HTTP status of errors (0: no response) → count. */
  codes: Record<string, number>;
}

export interface Second {
  t: number;
  users: number;
  endpoints: Record<string, EndpointSecond>;
}

function addInto(target: EndpointSecond, from: EndpointSecond): void {
  target.n += from.n;
  target.ok += from.ok;
  target.throttled += from.throttled;
  target.errors += from.errors;
  for (const [k, v] of Object.entries(from.hist)) target.hist[k] = (target.hist[k] ?? 0) + v;
  for (const [k, v] of Object.entries(from.codes)) target.codes[k] = (target.codes[k] ?? 0) + v;
}

const empty = (): EndpointSecond => ({ n: 0, ok: 0, throttled: 0, errors: 0, hist: {}, codes: {} });

/** Reads every timeline-*.jsonl in `dir` (one per Locust process) and merges them into one line per second. */
export async function readTimeline(dir: string): Promise<Second[]> {
  const bySecond = new Map<number, Second>();
  for (const file of (await readdir(dir)).filter((f) => /^timeline-\d+\.jsonl$/.test(f))) {
    for (const line of (await readFile(path.join(dir, file), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const s = JSON.parse(line) as Second;
      const merged = bySecond.get(s.t) ?? { t: s.t, users: 0, endpoints: {} };
      merged.users += s.users;
      for (const [name, e] of Object.entries(s.endpoints)) addInto((merged.endpoints[name] ??= empty()), e);
      bySecond.set(s.t, merged);
    }
  }
  return [...bySecond.values()].sort((a, b) => a.t - b.t);
}

/** The upper edge of a bucket: exact below 1 s, then the last value with the same three significant digits. */
function bucketTop(bucket: number): number {
  if (bucket < 1000) return bucket;
  return bucket + 10 ** (String(bucket).length - 3) - 1;
}

/** The p-quantile (0 < p ≤ 1) of a histogram, as the upper edge of its bucket: never flattering. */
export function percentile(hist: Record<string, number>, p: number): number {
  const buckets = Object.entries(hist)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, v]) => sum + v, 0);
  if (total === 0) return 0;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return bucketTop(bucket);
  }
  return bucketTop(buckets[buckets.length - 1][0]);
}

export interface Summary {
  requests: number;
  ok: number;
  throttled: number;
  errors: number;
  seconds: number;
  /** All responses per second, 429s included. */
  throughput: number;
  /** Errors (429s excluded) over all requests. */
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  codes: Record<string, number>;
}

/** Totals and percentiles over the seconds given (all endpoints, or one). */
export function summarize(seconds: Second[], endpoint?: string): Summary {
  const total = empty();
  for (const s of seconds) {
    for (const [name, e] of Object.entries(s.endpoints)) if (endpoint === undefined || name === endpoint) addInto(total, e);
  }
  const span = seconds.length === 0 ? 0 : seconds[seconds.length - 1].t - seconds[0].t + 1;
  return {
    requests: total.n,
    ok: total.ok,
    throttled: total.throttled,
    errors: total.errors,
    seconds: span,
    throughput: span === 0 ? 0 : total.n / span,
    errorRate: total.n === 0 ? 0 : total.errors / total.n,
    p50: percentile(total.hist, 0.5),
    p95: percentile(total.hist, 0.95),
    p99: percentile(total.hist, 0.99),
    max: percentile(total.hist, 1),
    codes: total.codes,
  };
}

/** Every endpoint seen, busiest first. */
export function endpoints(seconds: Second[]): string[] {
  const counts = new Map<string, number>();
  for (const s of seconds) for (const [name, e] of Object.entries(s.endpoints)) counts.set(name, (counts.get(name) ?? 0) + e.n);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

/** The seconds from `from` (inclusive) to `to` (exclusive), in epoch seconds. */
export function between(seconds: Second[], from: number, to: number): Second[] {
  return seconds.filter((s) => s.t >= from && s.t < to);
}
