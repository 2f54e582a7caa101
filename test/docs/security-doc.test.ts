import { access, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);

describe('docs/security.md', () => {
  it('maps each of the OWASP API Security Top 10 (2023) to tests, and every test it names exists', async () => {
    const doc = await readFile(new URL('docs/security.md', ROOT), 'utf8');
    for (const section of ['## Assets', '## Actors', '## Trust boundaries']) expect(doc).toContain(section);
    for (let n = 1; n <= 10; n++) {
      const row = doc.split('\n').find((line) => line.startsWith(`| **API${n} `));
      expect(row, `API${n} has a row`).toBeDefined();
      expect(row, `API${n} names a test`).toMatch(/`test\/[^`]+\.test\.ts`/);
    }
    const named = [...new Set([...doc.matchAll(/`(test\/[^`]+\.test\.ts)`/g)].map((m) => m[1]))];
    const missing: string[] = [];
    for (const file of named) await access(new URL(file, ROOT)).catch(() => missing.push(file));
    expect(missing).toEqual([]);
  });
});
