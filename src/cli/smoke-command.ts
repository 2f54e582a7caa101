import { parseArgs } from 'node:util';
import { runSmokeChecks, type SmokeResult } from './smoke-checks.js';

export const SMOKE_USAGE = `Usage: catalytic smoke --url URL [--budget SECONDS] [--json]

Checks a running instance the way its users meet it: health, docs, metrics,
sign-up of a throwaway tenant, lattice create, path, job round trip, delete,
logout revocation. Prints a table (or JSON with --json) and exits 1 when any
check fails. The lattice is deleted; the throwaway tenant is reported, since
no API route can delete a tenant yet. --budget: the whole run's time limit
(default 30 s).`;

function table(result: SmokeResult): string {
  const rows = result.checks.map((c, i) => [
    String(i + 1),
    c.name,
    c.passed ? 'PASS' : c.skipped ? 'SKIP' : 'FAIL',
    c.skipped ? '' : String(c.ms),
    c.detail,
  ]);
  const header = ['#', 'Check', 'Result', 'ms', 'Detail'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => (col === cells.length - 1 ? cell : cell.padEnd(widths[col])))
      .join('  ')
      .trimEnd();
  const failed = result.checks.filter((c) => !c.passed).length;
  return [
    `Smoke check of ${result.url} at ${result.startedAt}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    result.leftBehind
      ? `Left behind: tenant ${result.leftBehind.tenant_slug} (${result.leftBehind.tenant_id}), owner ${result.leftBehind.email}: ${result.leftBehind.why}.`
      : 'Left behind: nothing.',
    `${failed === 0 ? 'PASSED' : 'FAILED'}: ${result.checks.length - failed}/${result.checks.length} checks in ${result.seconds.toFixed(1)} s`,
    '',
  ].join('\n');
}

/** `catalytic smoke`: 0 when every check passed, 1 when one failed, 2 for bad arguments. */
export async function runSmokeCommand(args: string[]): Promise<number> {
  let values: { url?: string; budget?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { url: { type: 'string' }, budget: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`catalytic smoke: ${(err as Error).message}\n\n${SMOKE_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${SMOKE_USAGE}\n`);
    return 0;
  }
  const budget = Number(values.budget ?? 30);
  const url = values.url ?? '';
  if (!/^https?:\/\/[^/]/.test(url) || !Number.isFinite(budget) || budget <= 0) {
    process.stderr.write(`catalytic smoke: needs --url http(s)://host[:port] and a positive --budget\n\n${SMOKE_USAGE}\n`);
    return 2;
  }
  const result = await runSmokeChecks(url, budget * 1000);
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : table(result));
  return result.passed ? 0 : 1;
}
