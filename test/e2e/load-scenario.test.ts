import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { apis } from './support/http-client.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let out: string | undefined;

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

function load(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'load/run.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('operator: a short load run with Locust against the fleet', () => {
  it('runs the journey users, judges the thresholds and writes the report with its charts', { timeout: 180_000 }, async () => {
    const [a] = apis();
    out = await mkdtemp(path.join(tmpdir(), 'catalytic-load-report-'));
    const run = await load(['baseline', '--url', a.base, '--users', '6', '--spawn-rate', '3', '--duration', '12', '--out', out]);
    const report = await readFile(path.join(out, 'load-baseline.md'), 'utf8').catch(() => '');
    expect(report, run.output).toContain('# Load report: baseline');

    const verdicts = [
      ...report.matchAll(/^\| (p95 < 500 ms|p99 < 1 s|errors < 1 % \(429s counted apart\)) \| ([^|]+) \| (met|\*\*missed\*\*) \|$/gm),
    ];
    expect(verdicts.map((v) => v[1])).toEqual(['p95 < 500 ms', 'p99 < 1 s', 'errors < 1 % (429s counted apart)']);
    // The exit code follows the verdict: 0 only when every threshold was met.
    expect(run.code, run.output).toBe(verdicts.every((v) => v[3] === 'met') ? 0 : 1);
    // Functional correctness under load does not depend on the machine: no request failed.
    expect(report).toMatch(/^\| errors < 1 % \(429s counted apart\) \| 0\.000 % \| met \|$/m);

    const requests = Number(/; (\d+) requests, 0 errors/.exec(report)?.[1]);
    expect(requests).toBeGreaterThan(20);
    for (const endpoint of [
      'POST /api/v1/auth/login',
      'GET /api/v1/lattices',
      'POST /api/v1/lattices/{id}/path',
      'GET /api/v1/tenants/usage',
    ]) {
      expect(report).toMatch(new RegExp(`^\\| \`${endpoint.replace(/[{}?/]/g, '\\$&')}\` \\| \\d+ \\|`, 'm'));
    }
    expect(report).toContain(`${a.base} (given with --url)`);
    for (const chart of ['latency', 'throughput', 'errors']) {
      expect(report).toContain(`(load-baseline/${chart}.svg)`);
      const svg = await readFile(path.join(out, 'load-baseline', `${chart}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
    }
    expect(await readFile(path.join(out, 'load-baseline', 'locust_stats.csv'), 'utf8')).toContain('Aggregated');
  });

  it('refuses a target that is not this machine, and an unknown scenario', async () => {
    const remote = await load(['baseline', '--url', 'http://example.com']);
    expect(remote.code).toBe(2);
    expect(remote.output).toContain('--url must point at this machine');
    const unknown = await load(['everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Scenarios:');
  });
});
