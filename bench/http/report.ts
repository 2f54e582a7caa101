/**
 * Turns measurements into the report: ratios to the floor and to each
 * scenario's hand-written peer, targets with pass/fail, and the markdown table.
 */
import type { Measurement } from './load.js';
import type { Scenario, Target } from './scenarios.js';

export interface Ratio {
  to: string;
  /** This scenario's req/s divided by the other's: 1 is as fast, 0.5 half as fast. */
  throughput: number;
  /** This scenario's p99 divided by the other's: 2 is twice as slow at the tail. */
  p99: number;
  /** CPU per request (server process + its PostgreSQL backends) divided by the other's: 2 costs twice as much. */
  cpu_per_request: number;
}

export interface TargetResult extends Target {
  measured: number | null;
  pass: boolean;
}

export interface ScenarioResult {
  name: string;
  title: string;
  server: Scenario['server'];
  request: string;
  status: 'ran' | 'skipped' | 'failed';
  reason?: string;
  /** The machine's 1-minute load average as the scenario started: other work on a shared machine shows here. */
  loadavg_1m?: number;
  measurement?: Measurement;
  /** non-2xx + connection errors + timeouts (autocannon counts a timeout as an error too). */
  error_count?: number;
  ratio_to_bare?: Ratio;
  ratio_to_reference?: Ratio;
  targets: TargetResult[];
  pass: boolean | null;
}

/** µs of CPU per request in the server process and its PostgreSQL backends. */
export const cpuPerRequest = (m: Measurement): number => m.cpu.server.us_per_request + m.cpu.postgres.us_per_request;

function ratio(a: Measurement, b: Measurement | undefined, to: string): Ratio | undefined {
  if (!b) return undefined;
  return {
    to,
    throughput: a.rps_mean / b.rps_mean,
    p99: a.latency_p99_ms / Math.max(b.latency_p99_ms, 1),
    cpu_per_request: cpuPerRequest(a) / cpuPerRequest(b),
  };
}

function metricOf(r: ScenarioResult, t: Target): number | null {
  const m = r.measurement;
  if (!m) return null;
  switch (t.metric) {
    case 'rps':
      return m.rps_mean;
    case 'p99_ms':
      return m.latency_p99_ms;
    case 'errors':
      return r.error_count ?? null;
    case 'rps_ratio_to_reference':
      return r.ratio_to_reference?.throughput ?? null;
  }
}

function holds(value: number, t: Target): boolean {
  if (t.op === '>=') return value >= t.value;
  if (t.op === '<=') return value <= t.value;
  return value === t.value;
}

/** Fills ratios and target verdicts once every scenario has run (peers may run after what they judge). */
export function judge(results: ScenarioResult[], scenarios: Scenario[]): void {
  const byName = new Map(results.map((r) => [r.name, r]));
  const bare = byName.get('bare')?.measurement;
  for (const r of results) {
    const s = scenarios.find((x) => x.name === r.name)!;
    const m = r.measurement;
    if (m) {
      r.error_count = m.non2xx + m.errors;
      if (r.name !== 'bare') r.ratio_to_bare = ratio(m, bare, 'bare');
      if (s.reference) r.ratio_to_reference = ratio(m, byName.get(s.reference)?.measurement, s.reference);
    }
    if (r.status === 'skipped') {
      r.targets = s.targets.map((t) => ({ ...t, measured: null, pass: false }));
      r.pass = null;
      continue;
    }
    r.targets = s.targets.map((t) => {
      const measured = metricOf(r, t);
      return { ...t, measured, pass: measured !== null && holds(measured, t) };
    });
    r.pass = r.status === 'ran' && r.targets.every((t) => t.pass);
  }
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || !Number.isFinite(n)
    ? '–'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmtRatio = (r: Ratio | undefined) => (r ? `${fmt(r.throughput, 2)} / ${fmt(r.p99, 2)}` : '–');

export function markdownTable(results: ScenarioResult[]): string {
  const lines = [
    '| Scenario | Request | req/s (mean) | p50 ms | p99 ms | non-2xx | errors / timeouts | CPU µs/req (server + pg) | vs bare (req/s, p99) | vs reference (req/s, p99, CPU/req) | Targets |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const m = r.measurement;
    const targets =
      r.status === 'skipped'
        ? `skipped: ${r.reason}`
        : r.status === 'failed'
          ? `FAILED: ${r.reason}`
          : r.targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'} ${t.label}`).join('; ');
    const ref = r.ratio_to_reference
      ? `${fmtRatio(r.ratio_to_reference)} / ${fmt(r.ratio_to_reference.cpu_per_request, 2)} (${r.ratio_to_reference.to})`
      : '–';
    const cpu = m ? `${fmt(m.cpu.server.us_per_request)} + ${fmt(m.cpu.postgres.us_per_request)}` : '–';
    lines.push(
      `| ${r.name} | ${r.request} | ${fmt(m?.rps_mean)} | ${fmt(m?.latency_p50_ms, 1)} | ${fmt(m?.latency_p99_ms, 1)} | ${fmt(m?.non2xx)} | ${m ? `${fmt(m.errors)} / ${fmt(m.timeouts)}` : '–'} | ${cpu} | ${fmtRatio(r.ratio_to_bare)} | ${ref} | ${targets} |`,
    );
  }
  return lines.join('\n');
}
