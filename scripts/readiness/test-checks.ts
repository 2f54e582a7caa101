import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../stack/catalytic-process.js';
import { type CommandResult, lastLines, type Line, notRun, runCommand, type Status } from './evidence.js';

interface VitestFile {
  name: string;
  status: string;
  startTime: number;
  endTime: number;
  /** Set when the file itself failed (an error outside any test, a hook's timeout). */
  message?: string;
  assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages?: string[] }[];
}

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: VitestFile[];
}

export interface SuitePass {
  name: string;
  command: string;
  env: NodeJS.ProcessEnv;
}

/** The two passes CI runs: against the local servers, and on the embedded defaults. */
export function suitePasses(): SuitePass[] {
  const external = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  const embedded = { ...process.env };
  delete embedded.DATABASE_URL;
  delete embedded.REDIS_URL;
  return [
    {
      name: 'against PostgreSQL and Redis',
      command: `DATABASE_URL=${external.DATABASE_URL} REDIS_URL=${external.REDIS_URL} npx vitest run`,
      env: external,
    },
    { name: 'on the embedded defaults', command: 'env -u DATABASE_URL -u REDIS_URL npx vitest run', env: embedded },
  ];
}

export interface SuiteRun {
  pass: SuitePass;
  result: CommandResult;
  json: VitestJson | null;
}

/** Runs one pass of the whole suite with vitest's JSON reporter. */
export async function runSuite(pass: SuitePass): Promise<SuiteRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'catalytic-readiness-vitest-'));
  const file = path.join(dir, 'results.json');
  try {
    const result = await runCommand('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${file}`], {
      env: pass.env,
      timeoutMs: 40 * 60_000,
      quiet: true,
    });
    const json = await readFile(file, 'utf8')
      .then((t) => JSON.parse(t) as VitestJson)
      .catch(() => null);
    return { pass, result, json };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const AREA = 'Tests';

/** One line per pass: how many tests ran, failed, and how long it took. */
export function suiteLines(runs: SuiteRun[]): Line[] {
  return runs.map(({ pass, result, json }) => {
    const base = {
      area: AREA,
      requirement: `The whole suite passes ${pass.name}`,
      command: pass.command,
      seconds: result.seconds,
      at: result.at,
    };
    if (!json) return { ...base, status: 'fail' as const, result: `no results (exit ${result.code}): ${lastLines(result.output)}` };
    const failedFiles = json.testResults.filter((f) => f.status !== 'passed').map((f) => path.relative(REPOSITORY_ROOT, f.name));
    const status: Status = result.code === 0 && json.numFailedTests === 0 && failedFiles.length === 0 ? 'pass' : 'fail';
    const counts = `${json.numPassedTests}/${json.numTotalTests} tests passed in ${json.testResults.length} files`;
    if (failedFiles.length === 0) return { ...base, status, result: counts };
    const why = json.testResults.filter((f) => f.status !== 'passed').map(firstFailure);
    return { ...base, status, result: `${counts}; failed: ${why.join('; ')}` };
  });
}

/** A failed file and the first line of its first failure, so the report says why without a rerun. */
function firstFailure(f: VitestFile): string {
  const failed = f.assertionResults.find((a) => a.status === 'failed');
  const message = failed?.failureMessages?.[0] ?? f.message ?? '';
  const line = message.split('\n').find((l) => l.trim() !== '') ?? 'no message';
  const where = failed ? ` › ${failed.title}` : '';
  return `${path.relative(REPOSITORY_ROOT, f.name)}${where}: ${line.trim().slice(0, 300)}`;
}

/** The journeys in test/e2e, each judged on every pass it ran in. */
export function journeyLines(runs: SuiteRun[], e2eFiles: string[]): Line[] {
  return e2eFiles.map((file) => {
    const results = runs.map((r) => ({ run: r, file: r.json?.testResults.find((f) => path.relative(REPOSITORY_ROOT, f.name) === file) }));
    const title = results.find((r) => r.file)?.file?.assertionResults[0]?.ancestorTitles[0] ?? file;
    const ran = results.filter((r) => r.file);
    const seconds = ran.reduce((n, r) => n + (r.file!.endTime - r.file!.startTime) / 1000, 0);
    const at = ran[0]?.run.result.at ?? new Date().toISOString();
    if (ran.length === 0) return notRun('Journeys', title, `npx vitest run ${file}`, 'not in the suite results (the suite did not run)');
    const passed = ran.filter((r) => r.file!.status === 'passed');
    return {
      area: 'Journeys',
      requirement: title,
      status: passed.length === runs.length ? 'pass' : 'fail',
      command: `npx vitest run ${file} (in both passes of the suite)`,
      result: `passed in ${passed.length} of ${runs.length} passes (${ran.map((r) => `${r.run.pass.name}: ${r.file!.status}`).join('; ')})`,
      seconds: Math.round(seconds * 10) / 10,
      at,
    };
  });
}

/** Journeys the issue asks for that wait on other work; a file of that name makes them run like every other. */
export const EXPECTED_JOURNEYS = [
  {
    file: 'test/e2e/webhooks-delivered.test.ts',
    journey: 'journey: a webhook is delivered, signed, retried and durable',
    route: '/api/v1/webhooks',
    waitsFor: 'the webhooks work (API.md, Webhooks)',
  },
  {
    file: 'test/e2e/platform-admin.test.ts',
    journey: 'journey: a platform admin suspends a tenant, at once on every process',
    route: '/api/v1/admin/tenants',
    waitsFor: 'the platform-admin routes and `catalytic admin grant EMAIL`',
  },
];

export type ExpectedJourney = (typeof EXPECTED_JOURNEYS)[number];

/** The expected journeys without a file yet, judged by whether their route exists (status from a started stack). */
export function pendingJourneyLines(routeStatus: (route: string) => number | null): Line[] {
  return EXPECTED_JOURNEYS.filter((j) => !existsSync(path.join(REPOSITORY_ROOT, j.file))).map((j) => {
    const status = routeStatus(j.route);
    const base = {
      area: 'Journeys',
      requirement: j.journey,
      command: `GET ${j.route} on a started stack; file ${j.file}`,
      seconds: 0,
      at: new Date().toISOString(),
    };
    if (status === null) return { ...base, status: 'not run' as const, result: 'no stack was started to probe the route' };
    if (status === 404)
      return { ...base, status: 'pending' as const, result: `route answers 404: waits for ${j.waitsFor}; then add ${j.file}` };
    return { ...base, status: 'missing' as const, result: `route answers ${status} (it exists) but ${j.file} is not written` };
  });
}
