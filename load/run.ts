/**
 * `npm run load -- <scenario> [options]`: runs one load scenario with Locust
 * against a stack it starts (API ×2 + worker + haproxy on the local
 * PostgreSQL and an own Redis) or against --url, then writes
 * <out>/load-<scenario>.md with its charts. Exit code: 0 when every threshold
 * was met, 1 when one was missed or the run failed, 2 for bad arguments.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../scripts/stack/free-port.js';
import { cleanUpOnSignals, type Stack, startStack } from '../scripts/stack/stack.js';
import { renderCharts } from './charts.js';
import { describeMachine } from './machine.js';
import { provisionAccounts, USERS_PER_ACCOUNT } from './provision.js';
import { writeReport } from './report.js';
import { SCENARIOS, type ScenarioOptions, scenarioNamed, type Stage } from './scenarios.js';
import { judge, judgeStages } from './thresholds.js';
import { between, readTimeline, summarize } from './timeline.js';

const LOAD_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(LOAD_DIR, '..');

/** Every simulated user comes from 127.0.0.1: the per-IP auth limits are raised through configuration. */
export const LOAD_STACK_ENV: Record<string, string> = {
  REGISTRATIONS_PER_IP_PER_HOUR: '1000000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000000',
};

const USAGE = `Usage: npm run load -- <scenario> [options]

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(9)} ${s.summary}`).join('\n')}

Options:
  --url URL          load a running instance on this machine (127.0.0.1/localhost only) instead of starting a stack
  --duration D       seconds each stage is held (e.g. 90, 90s, 5m, 1h)
  --users N          one stage of N users
  --steps A,B,...    a staircase of user counts, each held --duration (default 60 s)
  --spawn-rate R     users started per second
  --hours H          soak: run for H hours (default 10 minutes)
  --processes N      Locust worker processes (default 1: one standalone process)
  --max-requests N   stop the run after N requests (default: 40 per user per stage-second, a bound)
  --out DIR          folder of the report (default docs/reports)
  --redis-url URL    the stack uses this Redis instead of starting its own`;

function seconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  return Math.round(Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] ?? 's']!);
}

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** Only this machine: a load run must never send traffic elsewhere. */
function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host))
    throw new Error(`--url must point at this machine (127.0.0.1 or localhost), not ${host}`);
}

/** Locust processes still running, stopped with the stack when this process is told to stop. */
const running = new Set<ChildProcess>();

function locust(args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  const child = spawn('locust', args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', (err) => process.stderr.write(`load: locust could not start (is python3-locust installed?): ${err.message}\n`));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Runs Locust (standalone, or a master with `processes` workers) and waits, killing it past `limitSeconds`. */
async function runLocust(o: {
  url: string;
  userClass: string;
  work: string;
  env: NodeJS.ProcessEnv;
  processes: number;
  limitSeconds: number;
}): Promise<void> {
  const common = ['-f', path.join(LOAD_DIR, 'locustfile.py'), '--loglevel', 'WARNING'];
  const report = ['--headless', '--host', o.url, '--csv', path.join(o.work, 'locust'), '--only-summary', '--stop-timeout', '10'];
  const children: ChildProcess[] = [];
  if (o.processes <= 1) {
    children.push(locust([...common, ...report, o.userClass], o.env, o.work));
  } else {
    const port = await freePort();
    const master = [
      '--master',
      '--master-bind-host',
      '127.0.0.1',
      '--master-bind-port',
      String(port),
      '--expect-workers',
      String(o.processes),
    ];
    children.push(locust([...common, ...report, ...master, o.userClass], o.env, o.work));
    for (let i = 0; i < o.processes; i++) {
      children.push(
        locust([...common, '--worker', '--master-host', '127.0.0.1', '--master-port', String(port), o.userClass], o.env, o.work),
      );
    }
  }
  const guard = setTimeout(() => {
    process.stderr.write(`load: Locust ran past ${o.limitSeconds} s; stopping it\n`);
    for (const c of children) c.kill('SIGINT');
    setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 15_000).unref();
  }, o.limitSeconds * 1000);
  try {
    await Promise.all(children.map(exited));
  } finally {
    clearTimeout(guard);
  }
}

/** Locust's own request count, from the Aggregated row of its stats CSV. */
async function locustCount(work: string): Promise<number | null> {
  const csv = await readFile(path.join(work, 'locust_stats.csv'), 'utf8').catch(() => '');
  const [header, ...rows] = csv.trim().split('\n');
  if (!header) return null;
  const column = header.split(',').indexOf('Request Count');
  const aggregated = rows.find((r) => r.split(',')[1] === 'Aggregated');
  return aggregated && column >= 0 ? Number(aggregated.split(',')[column]) : null;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        duration: { type: 'string' },
        users: { type: 'string' },
        steps: { type: 'string' },
        'spawn-rate': { type: 'string' },
        hours: { type: 'string' },
        processes: { type: 'string' },
        'max-requests': { type: 'string' },
        out: { type: 'string' },
        'redis-url': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (err) {
    process.stderr.write(`load: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scenario = scenarioNamed(positionals[0] ?? '');
  if (!scenario || positionals.length !== 1) {
    process.stderr.write(`load: name one scenario\n\n${USAGE}\n`);
    return 2;
  }
  let stages: Stage[];
  let processes: number;
  try {
    if (values.url) assertLoopback(values.url);
    const options: ScenarioOptions = {
      seconds: values.duration === undefined ? undefined : seconds(values.duration),
      users: positive('users', values.users),
      steps: values.steps?.split(',').map((s) => positive('steps', s)!),
      spawnRate: positive('spawn-rate', values['spawn-rate']),
      hours: positive('hours', values.hours),
    };
    stages = scenario.stages(options);
    processes = Math.round(positive('processes', values.processes) ?? 1);
  } catch (err) {
    process.stderr.write(`load: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const totalSeconds = stages.reduce((n, s) => n + s.seconds, 0);
  const maxUsers = Math.max(...stages.map((s) => s.users));
  const maxRequests = Math.round(positive('max-requests', values['max-requests']) ?? 40 * maxUsers * totalSeconds);
  const outDir = path.resolve(values.out ?? path.join(ROOT, 'docs/reports'));
  const machine = describeMachine();
  const command = `npm run load -- ${argv.join(' ')}`;
  const work = await mkdtemp(path.join(tmpdir(), `catalytic-load-${scenario.name}-`));
  let stack: Stack | undefined;
  const stopStack = async () => {
    await stack?.stop();
    stack = undefined;
  };
  const removeHandlers = cleanUpOnSignals(async () => {
    for (const child of running) child.kill('SIGKILL');
    await stopStack();
    await rm(work, { recursive: true, force: true });
  });
  try {
    if (!values.url) {
      process.stdout.write('load: starting API ×2 + worker + haproxy…\n');
      stack = await startStack({ env: LOAD_STACK_ENV, ...(values['redis-url'] ? { redisUrl: values['redis-url'] } : {}) });
    }
    const url = values.url ?? stack!.url;
    const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
    const accountCount = Math.ceil(maxUsers / USERS_PER_ACCOUNT);
    process.stdout.write(`load: provisioning ${accountCount} tenants on ${url}…\n`);
    const accounts = await provisionAccounts(url, accountCount, runId);
    await writeFile(path.join(work, 'accounts.json'), JSON.stringify(accounts));
    process.stdout.write(`load: ${scenario.name}: ${stages.map((s) => `${s.users} users for ${s.seconds} s`).join(', then ')}\n`);
    const startedAt = new Date();
    await runLocust({
      url,
      userClass: scenario.userClass,
      work,
      processes,
      limitSeconds: totalSeconds + 120,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOAD_ACCOUNTS: path.join(work, 'accounts.json'),
        LOAD_OUT: work,
        LOAD_STAGES: JSON.stringify(stages),
        LOAD_LOGIN_AT_START: scenario.loginAtStart ? '1' : '0',
        LOAD_MAX_REQUESTS: String(maxRequests),
      },
    });
    const finishedAt = new Date();
    const timeline = await readTimeline(work);
    if (timeline.length === 0) throw new Error('Locust recorded no requests (see its output above)');
    const start = timeline[0].t;
    // The scenario's own time; requests after it are the users' clean-up as they stop.
    const inRun = between(timeline, start, start + totalSeconds);
    const cleanup = summarize(between(timeline, start + totalSeconds, Number.MAX_SAFE_INTEGER)).requests;
    const stageResults = judgeStages(stages, inRun, start, scenario.thresholds);
    const overall = judge(scenario.thresholds, summarize(inRun));
    const assets = `load-${scenario.name}`;
    await mkdir(path.join(outDir, assets), { recursive: true });
    const charts = await renderCharts(inRun, path.join(outDir, assets));
    for (const file of ['locust_stats.csv', 'locust_failures.csv']) {
      await copyFile(path.join(work, file), path.join(outDir, assets, file)).catch(() => undefined);
    }
    const report = writeReport({
      scenario,
      command,
      stages,
      machine,
      startedAt,
      finishedAt,
      target: stack ? stack.components : [`${url} (given with --url)`],
      locustProcesses: processes,
      accounts: accounts.length,
      seconds: inRun,
      cleanupRequests: cleanup,
      overall,
      stageResults,
      locustRequests: await locustCount(work),
      assets,
      charts,
    });
    const file = path.join(outDir, `load-${scenario.name}.md`);
    await writeFile(file, report);
    const met = overall.every((v) => v.met);
    process.stdout.write(
      `\nload: ${overall.map((v) => `${v.label}: ${v.measured} ${v.met ? 'met' : 'MISSED'}`).join('; ')}\nload: report ${path.relative(process.cwd(), file)}\n`,
    );
    return met ? 0 : 1;
  } catch (err) {
    process.stderr.write(`load: ${(err as Error).message}\n`);
    return 1;
  } finally {
    removeHandlers();
    await stopStack();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
