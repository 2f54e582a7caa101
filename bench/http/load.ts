/**
 * One scenario's load: autocannon in this process against a server in
 * another, a warm-up run whose numbers are discarded, then the measured run.
 * Around the measured run it also reads how much CPU the server process, its
 * PostgreSQL backends and the load generator used: on a shared machine the
 * CPU cost per request is steadier than the request rate.
 */
import { performance } from 'node:perf_hooks';
import autocannon, { type Result } from 'autocannon';
import type { Scenario } from './scenarios.js';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** Cumulative CPU ms of a set of processes, by pid (processes may come and go during a run). */
export type CpuProbe = () => Promise<Map<number, number>>;

export interface CpuCost {
  ms: number;
  us_per_request: number;
}

export interface Measurement {
  rps_mean: number;
  rps_stddev: number;
  latency_mean_ms: number;
  latency_p50_ms: number;
  latency_p90_ms: number;
  latency_p99_ms: number;
  latency_max_ms: number;
  requests_total: number;
  duration_s: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  status_codes: Record<string, number>;
  /** CPU used during the measured run: the server's process, its PostgreSQL backends, this process (autocannon). */
  cpu: { server: CpuCost; postgres: CpuCost; load_generator: CpuCost; idle_servers_ms_per_s: Record<string, number> };
  /** performance.now() of this process at the start and end of the measured run. */
  window: { from: number; to: number };
  warmup: { rps_mean: number; non2xx: number; errors: number };
}

function run(url: string, s: Scenario, connections: number, duration: number): Promise<Result> {
  return autocannon({
    url,
    connections,
    duration,
    method: s.method,
    headers: s.headers,
    body: s.body === undefined ? undefined : JSON.stringify(s.body),
    title: s.name,
  });
}

const statusCodes = (r: Result): Record<string, number> =>
  Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));

function delta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
  return ms;
}

const cost = (ms: number, requests: number): CpuCost => ({ ms, us_per_request: requests > 0 ? (ms * 1000) / requests : 0 });

export interface Probes {
  server: CpuProbe;
  postgres: CpuProbe;
  /** The servers not under load: what they burn meanwhile is their background work (timers, pollers). */
  idle: Record<string, CpuProbe>;
}

const readAll = async (probes: Record<string, CpuProbe>) =>
  Object.fromEntries(await Promise.all(Object.entries(probes).map(async ([name, probe]) => [name, await probe()] as const)));

export async function measure(baseUrl: string, s: Scenario, o: LoadOptions, probes: Probes): Promise<Measurement> {
  const url = `${baseUrl}${s.path}`;
  const warm = await run(url, s, o.connections, o.warmupSeconds);
  const idle0 = await readAll(probes.idle);
  const [server0, pg0] = await Promise.all([probes.server(), probes.postgres()]);
  const self0 = process.cpuUsage();
  const from = performance.now();
  const r = await run(url, s, o.connections, o.durationSeconds);
  const to = performance.now();
  const self = process.cpuUsage(self0);
  const [server1, pg1] = await Promise.all([probes.server(), probes.postgres()]);
  const idle1 = await readAll(probes.idle);
  const seconds = (to - from) / 1000;
  const idle = Object.fromEntries(Object.keys(idle1).map((name) => [name, delta(idle0[name], idle1[name]) / seconds]));
  const done = r.requests.total;
  return {
    rps_mean: r.requests.average,
    rps_stddev: r.requests.stddev,
    latency_mean_ms: r.latency.average,
    latency_p50_ms: r.latency.p50,
    latency_p90_ms: r.latency.p90,
    latency_p99_ms: r.latency.p99,
    latency_max_ms: r.latency.max,
    requests_total: done,
    duration_s: r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    status_codes: statusCodes(r),
    cpu: {
      server: cost(delta(server0, server1), done),
      postgres: cost(delta(pg0, pg1), done),
      load_generator: cost((self.user + self.system) / 1000, done),
      idle_servers_ms_per_s: idle,
    },
    window: { from, to },
    warmup: { rps_mean: warm.requests.average, non2xx: warm.non2xx, errors: warm.errors },
  };
}
