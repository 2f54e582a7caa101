import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, uniqueDatabaseName, withDatabase } from '../stack/database.js';
import type { Stack } from '../stack/stack.js';
import { fromCommand, lastLines, type Line, runCommand } from './evidence.js';

const now = () => new Date().toISOString();

/** What a probe of a route found: its status, and whether the 404 was "no such route" rather than "no such thing". */
export interface RouteProbe {
  status: number;
  routeMissing: boolean;
}

interface Session {
  token: string;
  latticeId: string;
}

async function call(
  url: string,
  method: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (HTML, metrics text): the status is what a probe needs.
  }
  return { status: res.status, body: parsed };
}

/** A throwaway tenant with one lattice on the stack, so probes of authenticated routes reach the route. */
export async function probeSession(stack: Stack): Promise<Session> {
  const email = `readiness-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.com`;
  const reg = await call(`${stack.url}/api/v1/auth/register`, 'POST', undefined, {
    email,
    password: `Rd7${randomBytes(8).toString('hex')}Kq`,
  });
  if (reg.status !== 201) throw new Error(`registration on the stack answered ${reg.status}`);
  const token = reg.body.access_token as string;
  const lattice = await call(`${stack.url}/api/v1/lattices`, 'POST', token, { name: 'probe', shape: [4, 4] });
  return { token, latticeId: lattice.body.id as string };
}

/** Probes `method path` (`{id}` is the session's lattice) with an empty JSON body for writes. */
export async function probeRoute(stack: Stack, session: Session, method: string, route: string): Promise<RouteProbe> {
  const res = await call(
    `${stack.url}${route.replace('{id}', session.latticeId)}`,
    method,
    session.token,
    method === 'GET' ? undefined : {},
  );
  return { status: res.status, routeMissing: res.status === 404 && String(res.body.detail ?? '').startsWith('Route ') };
}

/** `catalytic smoke` against the stack, judged by its own exit code and JSON. */
export async function smokeLine(stack: Stack): Promise<Line> {
  const command = `catalytic smoke --url ${stack.url}`;
  const r = await runCommand(process.execPath, ['bin/catalytic.mjs', 'smoke', '--url', stack.url, '--json'], {
    timeoutMs: 60_000,
    quiet: true,
  });
  let result = `exit ${r.code}: ${lastLines(r.output)}`;
  try {
    const json = JSON.parse(r.output.trim().split('\n').at(-1) ?? '') as { checks: { name: string; passed: boolean }[]; seconds: number };
    const failed = json.checks.filter((c) => !c.passed).map((c) => c.name);
    result = `${json.checks.length - failed.length}/${json.checks.length} checks passed in ${json.seconds.toFixed(1)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`;
    if (json.seconds >= 30)
      return { ...fromCommand('Deployed behaviour', 'Smoke check passes in under 30 s', command, r, result), status: 'fail' };
  } catch {
    // The result above says what came out instead of JSON.
  }
  return fromCommand('Deployed behaviour', 'Smoke check passes in under 30 s', command, r, result);
}

/** The compat routes API.md promises to old clients, each probed on the stack. */
const COMPAT_ROUTES: [string, string][] = [
  ['POST', '/auth/register'],
  ['POST', '/auth/login'],
  ['POST', '/auth/refresh'],
  ['POST', '/auth/logout'],
  ['POST', '/api/auth/login'],
  ['GET', '/api/lattices'],
  ['POST', '/api/lattices/path'],
  ['POST', '/api/lattices/{id}/pathfind'],
  ['GET', '/api/tenants'],
  ['GET', '/api/lattices/{id}/transformations'],
];

export async function compatLine(stack: Stack, session: Session): Promise<Line> {
  const at = now();
  const started = Date.now();
  const missing: string[] = [];
  for (const [method, route] of COMPAT_ROUTES) {
    if ((await probeRoute(stack, session, method, route)).routeMissing) missing.push(`${method} ${route}`);
  }
  return {
    area: 'Deployed behaviour',
    requirement: "API.md's compat routes for old clients exist",
    status: missing.length === 0 ? 'pass' : 'fail',
    command: `${COMPAT_ROUTES.length} routes probed on a started stack`,
    result: missing.length === 0 ? 'every compat route answers' : `no such route: ${missing.join(', ')}`,
    seconds: (Date.now() - started) / 1000,
    at,
  };
}

/** A capability found by probing a route: pass when it answers `ok`, missing when there is no such route. */
export async function capabilityLine(
  stack: Stack,
  session: Session,
  o: { area: string; requirement: string; method: string; route: string; ok: (status: number) => boolean; waitsFor: string },
): Promise<Line> {
  const at = now();
  const probe = await probeRoute(stack, session, o.method, o.route);
  const base = { area: o.area, requirement: o.requirement, command: `${o.method} ${o.route} on a started stack`, seconds: 0, at };
  if (probe.status === 404) return { ...base, status: 'missing', result: `answers 404: waits for ${o.waitsFor}` };
  return { ...base, status: o.ok(probe.status) ? 'pass' : 'fail', result: `answers ${probe.status}` };
}

/** The worker's own /metrics on METRICS_PORT (the stack's worker was given a free port). */
export async function workerMetricsLine(metricsPort: number): Promise<Line> {
  const url = `http://127.0.0.1:${metricsPort}/metrics`;
  const base = {
    area: 'Operations',
    requirement: 'The worker serves Prometheus metrics on METRICS_PORT',
    command: `GET ${url} (worker started with METRICS_PORT)`,
    seconds: 0,
    at: now(),
  };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    const families = text.split('\n').filter((l) => l.startsWith('# TYPE ')).length;
    return {
      ...base,
      status: res.status === 200 && families > 0 ? 'pass' : 'fail',
      result: `HTTP ${res.status}, ${families} metric families`,
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    return { ...base, status: 'missing', result: `nothing listens (${cause}): waits for the observability work` };
  }
}

/** A short baseline with Locust against the stack; its report goes to `outDir`. */
export async function loadLine(stack: Stack, outDir: string, reportLink: string): Promise<Line> {
  const args = ['baseline', '--url', stack.url, '--users', '50', '--spawn-rate', '10', '--duration', '60', '--out', outDir];
  const command = `npm run load -- ${args.join(' ').replace(stack.url, '<stack>')}`;
  const r = await runCommand(process.execPath, ['--import', 'tsx', 'load/run.ts', ...args], { timeoutMs: 10 * 60_000, quiet: true });
  const report = await readFile(path.join(outDir, 'load-baseline.md'), 'utf8').catch(() => '');
  const verdicts = [...report.matchAll(/^\| ([^|]+) \| ([^|]+) \| (met|\*\*missed\*\*) \|$/gm)].map(
    (m) => `${m[1].trim()}: ${m[2].trim()} ${m[3] === 'met' ? 'met' : 'missed'}`,
  );
  const throughput = /Throughput: \*\*([\d.]+) responses\/s\*\*/.exec(report)?.[1];
  const contention = report.includes('Measured under contention') ? ' (measured under contention)' : '';
  const result = report
    ? `${throughput} responses/s with 50 users; ${verdicts.join('; ')}${contention}; [report](${reportLink})`
    : `no report (exit ${r.code}): ${lastLines(r.output)}`;
  return fromCommand('Performance', "A short load baseline meets the plan's thresholds", command, r, result);
}

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const table of ['tenants', 'users', 'api_keys', 'lattices', 'lattice_operations', 'jobs', 'audit_logs']) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`).catch(() => ({ rows: [{ n: '-1' }] }));
      out[table] = Number(rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

/** `catalytic backup` of the stack's database, `catalytic restore` into an empty one, and the rows compared. */
export async function backupRestoreLine(stack: Stack): Promise<Line> {
  const requirement = 'A backup restores into an empty database with every row';
  const dir = await mkdtemp(path.join(tmpdir(), 'catalytic-readiness-backup-'));
  const file = path.join(dir, 'backup.dump');
  const env = (url: string) => ({ PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url, LOG_LEVEL: 'warn', DATA_DIR: dir });
  const backup = await runCommand(process.execPath, ['bin/catalytic.mjs', 'backup', '--out', file], {
    env: env(stack.databaseUrl),
    timeoutMs: 5 * 60_000,
    quiet: true,
  });
  const command = 'catalytic backup --out FILE; catalytic restore FILE (into a new empty database)';
  try {
    if (/unknown command "backup"/.test(backup.output)) {
      return {
        area: 'Operations',
        requirement,
        status: 'missing',
        command: 'catalytic backup --out FILE',
        result: 'no backup command: waits for the deploy work',
        seconds: backup.seconds,
        at: backup.at,
      };
    }
    if (backup.code !== 0) return fromCommand('Operations', requirement, command, backup, `backup failed: ${lastLines(backup.output)}`);
    const target = await createDatabase(withDatabase(stack.databaseUrl, 'postgres'), uniqueDatabaseName('catalytic_restore'));
    try {
      const restore = await runCommand(process.execPath, ['bin/catalytic.mjs', 'restore', file], {
        env: env(target.url),
        timeoutMs: 5 * 60_000,
        quiet: true,
      });
      const [before, after] = [await counts(stack.databaseUrl), await counts(target.url)];
      const same = JSON.stringify(before) === JSON.stringify(after);
      const seconds = backup.seconds + restore.seconds;
      const result =
        restore.code !== 0
          ? `restore failed: ${lastLines(restore.output)}`
          : `rows ${same ? 'equal' : 'differ'}: ${JSON.stringify(after)}${same ? '' : ` vs ${JSON.stringify(before)}`}`;
      return {
        area: 'Operations',
        requirement,
        status: restore.code === 0 && same ? 'pass' : 'fail',
        command,
        result,
        seconds,
        at: backup.at,
      };
    } finally {
      await target.drop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
