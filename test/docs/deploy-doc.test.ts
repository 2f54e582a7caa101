import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withRecoveryBlock, type DeployResults } from '../../bench/deploy/report.js';

describe('docs/deploy.md', () => {
  it('prints the recovery figures bench/results/deploy.json holds (run `npm run bench:deploy`)', async () => {
    const doc = await readFile(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    const results = JSON.parse(await readFile(new URL('../../bench/results/deploy.json', import.meta.url), 'utf8')) as DeployResults;
    expect(doc).toBe(withRecoveryBlock(doc, results));
    expect(doc).toMatch(/Recovery time objective.*\*\*\d+\.\d s\*\*/);
  });
});
