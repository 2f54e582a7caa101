import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/*
 * A figure in bench/results/ is only worth what it says it measured: every
 * results file names the commit its run measured (a 40-hex SHA, under a key
 * called `commit` at any depth) and the date of the run.
 */

const RESULTS = new URL('../../bench/results/', import.meta.url);

function commitsIn(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'commit' ? [v] : commitsIn(v)));
}

describe('bench/results', () => {
  it('every results file names the commit it measured and when', async () => {
    const files = (await readdir(RESULTS)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const results = JSON.parse(await readFile(new URL(file, RESULTS), 'utf8')) as Record<string, unknown>;
      const commits = commitsIn(results);
      expect(commits, `${file} names a commit`).toHaveLength(1);
      expect(commits[0], file).toMatch(/^[0-9a-f]{40}$/);
      expect(JSON.stringify(results), `${file} is dated`).toMatch(/"(date|created_at)":\s*"\d{4}-\d\d-\d\dT/);
    }
  });
});
