import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInfo, headCommit } from '../../../src/platform/metrics/build-info.js';

const ROOT = path.resolve('.');
const tmp = mkdtempSync(path.join(tmpdir(), 'catalytic-build-info-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('build info', () => {
  it('reads the commit of this checkout as git does', () => {
    const expected = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    expect(headCommit(ROOT)).toBe(expected);
    expect(buildInfo('1.2.3', undefined, ROOT)).toEqual({ version: '1.2.3', commit: expected, node_version: process.version });
  });

  it('prefers BUILD_COMMIT, and says unknown without .git', () => {
    expect(buildInfo('1.2.3', 'abcdef1', ROOT).commit).toBe('abcdef1');
    expect(buildInfo('1.2.3', undefined, tmp).commit).toBe('unknown');
  });

  it('follows packed refs and detached heads', () => {
    const repo = path.join(tmp, 'packed');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    const sha = 'a'.repeat(40);
    writeFileSync(path.join(repo, '.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(repo, '.git/packed-refs'), `# pack-refs with: peeled\n${sha} refs/heads/main\n`);
    expect(headCommit(repo)).toBe(sha);
    writeFileSync(path.join(repo, '.git/HEAD'), `${'b'.repeat(40)}\n`);
    expect(headCommit(repo)).toBe('b'.repeat(40));
  });
});
