import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SCENARIOS } from '../../load/scenarios.js';
import { REPOSITORY_ROOT } from '../stack/catalytic-process.js';

/** The end-to-end journey files, as paths from the repository root. */
export function journeyFiles(): string[] {
  return readdirSync(path.join(REPOSITORY_ROOT, 'test/e2e'))
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `test/e2e/${f}`);
}

/** One command per journey, load scenario, smoke check and report: each must be in the README as written here. */
export function readmeCommands(): string[] {
  return [
    'npx vitest run --project e2e',
    ...journeyFiles().map((f) => `npx vitest run ${f}`),
    ...SCENARIOS.map((s) => `npm run load -- ${s.name}`),
    'npm run stack',
    'npx catalytic smoke --url',
    'npm run report:readiness',
  ];
}
