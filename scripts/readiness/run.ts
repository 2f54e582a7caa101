/**
 * `npm run report:readiness`: runs the checks and writes
 * docs/reports/production-readiness.md, one line per requirement with its
 * evidence. `--skip static,tests,stack,load,backup,tools` leaves checks out
 * (their lines say "not run"); `--out FILE` writes elsewhere. Exit code 1 when
 * a check failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from '../../load/machine.js';
import { LOAD_STACK_ENV } from '../../load/run.js';
import { REPOSITORY_ROOT } from '../stack/catalytic-process.js';
import { freePort } from '../stack/free-port.js';
import { cleanUpOnSignals, type Stack, startStack } from '../stack/stack.js';
import { performanceLines, readmeLine } from './docs-checks.js';
import { type Line, notRun, runCommand } from './evidence.js';
import { journeyFiles } from './readme-commands.js';
import { writeReadinessReport } from './report.js';
import {
  backupRestoreLine,
  capabilityLine,
  compatLine,
  loadLine,
  probeRoute,
  probeSession,
  smokeLine,
  workerMetricsLine,
} from './stack-checks.js';
import { staticChecks } from './static-checks.js';
import { EXPECTED_JOURNEYS, journeyLines, pendingJourneyLines, runSuite, suiteLines, suitePasses } from './test-checks.js';
import { toolChecks } from './tool-checks.js';

const PARTS = ['static', 'tests', 'stack', 'load', 'backup', 'tools'];

async function adminCommandLine(): Promise<Line> {
  const r = await runCommand(process.execPath, ['bin/catalytic.mjs', 'admin', '--help'], { timeoutMs: 60_000, quiet: true });
  const absent = /unknown command "admin"/.test(r.output);
  return {
    area: 'Operations',
    requirement: 'Platform administration: `catalytic admin grant EMAIL`',
    status: absent ? 'missing' : r.code === 0 ? 'pass' : 'fail',
    command: 'catalytic admin --help',
    result: absent ? 'no admin command: waits for the platform-admin work' : `exit ${r.code}`,
    seconds: r.seconds,
    at: r.at,
  };
}

/** Everything that needs the service running as deployed: smoke, probes, the short load run, backup and restore. */
async function stackChecks(skip: Set<string>, outDir: string): Promise<{ lines: Line[]; routeStatus: (route: string) => number | null }> {
  const metricsPort = await freePort();
  process.stdout.write('readiness: starting API ×2 + worker + haproxy…\n');
  const stack: Stack = await startStack({
    env: LOAD_STACK_ENV,
    workerEnv: { METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' },
  });
  const statuses = new Map<string, number>();
  const removeHandlers = cleanUpOnSignals(() => stack.stop());
  try {
    const lines: Line[] = [await smokeLine(stack)];
    const session = await probeSession(stack);
    lines.push(await compatLine(stack, session));
    for (const j of EXPECTED_JOURNEYS) {
      const probe = await probeRoute(stack, session, 'GET', j.route);
      statuses.set(j.route, probe.routeMissing ? 404 : probe.status);
    }
    lines.push(
      await capabilityLine(stack, session, {
        area: 'Operations',
        requirement: 'The web console is served at /console',
        method: 'GET',
        route: '/console',
        ok: (s) => s === 200,
        waitsFor: 'the console work',
      }),
      await workerMetricsLine(metricsPort),
    );
    lines.push(
      skip.has('load')
        ? notRun(
            'Performance',
            "A short load baseline meets the plan's thresholds",
            'npm run load -- baseline --url <stack> ...',
            'skipped (--skip load)',
          )
        : await loadLine(stack, outDir, 'readiness/load-baseline.md'),
    );
    lines.push(
      skip.has('backup')
        ? notRun(
            'Operations',
            'A backup restores into an empty database with every row',
            'catalytic backup / restore',
            'skipped (--skip backup)',
          )
        : await backupRestoreLine(stack),
    );
    return { lines, routeStatus: (route) => statuses.get(route) ?? null };
  } finally {
    removeHandlers();
    await stack.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { skip: { type: 'string' }, out: { type: 'string' } } });
  const skip = new Set((values.skip ?? '').split(',').filter(Boolean));
  const unknown = [...skip].filter((s) => !PARTS.includes(s));
  if (unknown.length) {
    process.stderr.write(`readiness: unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}\n`);
    return 2;
  }
  const out = path.resolve(values.out ?? path.join(REPOSITORY_ROOT, 'docs/reports/production-readiness.md'));
  const artifacts = path.join(path.dirname(out), 'readiness');
  await mkdir(artifacts, { recursive: true });
  const machine = describeMachine();
  const startedAt = new Date();
  const lines: Line[] = [];
  const step = (name: string) => process.stdout.write(`readiness: ${name}…\n`);

  if (skip.has('static'))
    lines.push(notRun('Code', 'Types, lint and the OpenAPI lint', 'npm run typecheck / lint / lint:openapi', 'skipped (--skip static)'));
  else {
    step('typecheck, lint, OpenAPI lint');
    lines.push(...(await staticChecks()));
  }

  if (skip.has('tests')) lines.push(notRun('Tests', 'The whole suite passes, in both passes', 'npx vitest run', 'skipped (--skip tests)'));
  else {
    const runs = [];
    for (const pass of suitePasses()) {
      step(`the whole suite ${pass.name}`);
      runs.push(await runSuite(pass));
    }
    lines.push(...suiteLines(runs), ...journeyLines(runs, journeyFiles()));
  }

  let routeStatus: (route: string) => number | null = () => null;
  if (skip.has('stack'))
    lines.push(
      notRun('Deployed behaviour', 'Smoke, probes, short load, backup on a started stack', 'npm run stack', 'skipped (--skip stack)'),
    );
  else {
    step('checks on a started stack');
    const result = await stackChecks(skip, artifacts);
    lines.push(...result.lines);
    routeStatus = result.routeStatus;
  }
  lines.push(...pendingJourneyLines(routeStatus));
  lines.push(await adminCommandLine());

  if (skip.has('tools'))
    lines.push(notRun('Operations', 'Monitoring and deployment files', 'promtool / amtool / docker', 'skipped (--skip tools)'));
  else {
    step('monitoring and deployment');
    lines.push(...(await toolChecks()));
  }
  lines.push(await readmeLine(), ...(await performanceLines()));

  const command = `npm run report:readiness${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  await writeFile(out, writeReadinessReport(lines, machine, startedAt, command, [...skip]));
  const failed = lines.filter((l) => l.status === 'fail');
  process.stdout.write(`readiness: ${lines.length} lines, ${failed.length} failed; report ${path.relative(process.cwd(), out)}\n`);
  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`readiness: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
