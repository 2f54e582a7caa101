import { fromCommand, lastLines, type Line, runCommand } from './evidence.js';

const AREA = 'Code';

const CHECKS = [
  { requirement: 'Types check (tsc, strict)', script: 'typecheck' },
  { requirement: 'Lint and formatting (eslint, prettier)', script: 'lint' },
  { requirement: 'OpenAPI document lints clean (redocly)', script: 'lint:openapi' },
];

/** typecheck, lint and the OpenAPI lint, each through its npm script. */
export async function staticChecks(): Promise<Line[]> {
  const lines: Line[] = [];
  for (const check of CHECKS) {
    const command = `npm run ${check.script}`;
    const r = await runCommand('npm', ['run', check.script], { timeoutMs: 10 * 60_000, quiet: true });
    lines.push(fromCommand(AREA, check.requirement, command, r, r.code === 0 ? 'no problems' : `exit ${r.code}: ${lastLines(r.output)}`));
  }
  return lines;
}
