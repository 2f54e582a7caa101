import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../stack/catalytic-process.js';
import type { Line } from './evidence.js';
import { readmeCommands } from './readme-commands.js';

const at = () => new Date().toISOString();
const read = (relative: string) => readFile(path.join(REPOSITORY_ROOT, relative), 'utf8').catch(() => null);

export async function readmeLine(): Promise<Line> {
  const readme = (await read('README.md')) ?? '';
  const absent = readmeCommands().filter((c) => !readme.includes(c));
  return {
    area: 'Documentation',
    requirement: 'The README gives one command for every journey, load scenario, smoke check and report',
    status: absent.length === 0 ? 'pass' : 'fail',
    command: 'README.md searched for each command',
    result: absent.length === 0 ? `${readmeCommands().length} commands present` : `absent: ${absent.join(', ')}`,
    seconds: 0,
    at: at(),
  };
}

interface LoadReportTarget {
  requirement: string;
  scenario: string;
  /** Whether the committed report shows the target reached. */
  reached(report: string): { ok: boolean; measured: string };
}

const TARGETS: LoadReportTarget[] = [
  {
    requirement: 'Baseline: 100 users within the plan thresholds (p95 < 500 ms, p99 < 1 s, errors < 1 %)',
    scenario: 'baseline',
    reached: (r) => {
      const missed = (r.match(/\*\*missed\*\*/g) ?? []).length;
      return {
        ok: /^\| p95 < 500 ms \|/m.test(r) && missed === 0,
        measured: missed === 0 ? 'every threshold met' : `${missed} thresholds missed`,
      };
    },
  },
  {
    requirement: 'Mixed journey: ≥ 1 000 responses/s with p99 < 1 s and < 1 % errors',
    scenario: 'mixed',
    reached: (r) => {
      const best = /Highest throughput at which every threshold held: \*\*([\d.]+) responses\/s\*\*/.exec(r)?.[1];
      return {
        ok: best !== undefined && Number(best) >= 1000,
        measured: best ? `${best} responses/s at most within the thresholds` : 'no step met every threshold',
      };
    },
  },
  {
    requirement: 'Spike of 1 000 users absorbed with only 429s as errors',
    scenario: 'spike',
    reached: (r) => {
      const line = /^\| no errors other than 429 \| (\d+) \| (met|\*\*missed\*\*) \|$/m.exec(r);
      return { ok: line?.[2] === 'met', measured: line ? `${line[1]} errors other than 429` : 'no verdict in the report' };
    },
  },
];

/** The committed load reports (made by `npm run load` on a quiet machine) against the targets. */
export async function performanceLines(): Promise<Line[]> {
  return Promise.all(
    TARGETS.map(async (t) => {
      const file = `docs/reports/load-${t.scenario}.md`;
      const report = await read(file);
      const base = {
        area: 'Performance',
        requirement: t.requirement,
        command: `committed ${file} (npm run load -- ${t.scenario})`,
        seconds: 0,
        at: at(),
      };
      if (report === null)
        return {
          ...base,
          status: 'pending' as const,
          result: `no report yet: run \`npm run load -- ${t.scenario}\` on a quiet machine and commit it`,
        };
      const made = /from (\S+) to/.exec(report)?.[1] ?? 'unknown date';
      const { ok, measured } = t.reached(report);
      if (report.includes('Measured under contention')) {
        return {
          ...base,
          status: 'pending' as const,
          result: `${measured}, but measured under contention on ${made}: not a baseline; rerun on a quiet machine`,
        };
      }
      return { ...base, status: ok ? ('pass' as const) : ('fail' as const), result: `${measured} (report of ${made})` };
    }),
  );
}
