import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/stack/free-port.js';
import { apis } from './support/http-client.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/catalytic.mjs');

function smoke(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'smoke', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('operator: catalytic smoke against the started fleet', () => {
  it('passes every check in under 30 s, prints the table and leaves only the reported tenant', { timeout: 90_000 }, async () => {
    const [a, b] = apis();
    const table = await smoke(['--url', a.base]);
    expect(table.code, `${table.stdout}\n${table.stderr}`).toBe(0);
    for (const check of [
      'health',
      'docs',
      'metrics',
      'sign-up',
      'lattice create',
      'path',
      'job round trip',
      'delete',
      'logout revocation',
    ]) {
      expect(table.stdout).toMatch(new RegExp(`^\\d+\\s+${check}\\s+PASS\\s+\\d+`, 'm'));
    }
    expect(table.stdout).toMatch(/^PASSED: 9\/9 checks in \d+\.\d s$/m);
    expect(table.stdout).toMatch(/^Left behind: tenant \S+ \([0-9a-f-]{36}\)/m);

    const json = await smoke(['--url', b.base, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.passed).toBe(true);
    expect(result.seconds).toBeLessThan(30);
    expect(result.leftBehind).toMatchObject({ tenant_id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: expect.stringContaining('@') });
    // The lattice it made was deleted: the check read 404 after its DELETE.
    expect(result.checks.find((c: { name: string }) => c.name === 'delete')).toMatchObject({
      passed: true,
      detail: 'deleted; GET answers 404',
    });
  });

  it('exits 1 and marks what it could not check when nothing answers; 2 without --url', { timeout: 60_000 }, async () => {
    const closed = await freePort();
    const down = await smoke(['--url', `http://127.0.0.1:${closed}`, '--budget', '10']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^1\s+health\s+FAIL/m);
    expect(down.stdout).toMatch(/^5\s+lattice create\s+SKIP\s+not run: needs sign-up/m);
    expect(down.stdout).toMatch(/^FAILED: 0\/9 checks/m);
    expect(down.stdout).toContain('Left behind: nothing.');
    const usage = await smoke([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: catalytic smoke --url URL');
  });
});
