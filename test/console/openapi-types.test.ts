import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSOLE_TYPES_FILE, generateConsoleTypes } from '../../scripts/write-console-types.js';

describe('console API types', () => {
  it('match the types generated from docs/api/openapi.yaml (run `npm run console:types` after `npm run openapi`)', async () => {
    expect(await readFile(CONSOLE_TYPES_FILE, 'utf8')).toBe(await generateConsoleTypes());
  });
});
