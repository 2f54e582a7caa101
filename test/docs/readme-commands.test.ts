import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { journeyFiles, readmeCommands } from '../../scripts/readiness/readme-commands.js';

describe('README commands', () => {
  it('name one command for every journey in test/e2e, every load scenario, the stack, the smoke check and the readiness report', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(journeyFiles().length).toBeGreaterThanOrEqual(14);
    expect(readmeCommands().filter((command) => !readme.includes(command))).toEqual([]);
  });
});
