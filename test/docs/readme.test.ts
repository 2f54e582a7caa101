import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withTable } from '../../scripts/config-table.js';

describe('README', () => {
  it('lists every configuration variable as the schema defines it (run `npm run docs:config`)', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withTable(readme));
  });

  it('gives the two set-up commands', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
