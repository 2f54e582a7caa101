import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * What a results file measured: the commit checked out and a content hash of
 * src/engine. The hash is what the staleness check compares (a results file
 * is stale as soon as any engine file differs from what was measured,
 * committed or not); the commit says where to look.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENGINE = path.join(ROOT, 'src', 'engine');

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    })
    .sort();
}

/** SHA-256 over every file of src/engine: its path relative to src/engine, a NUL, its bytes, a NUL. */
export function engineHash(): string {
  const hash = createHash('sha256');
  for (const file of files(ENGINE)) {
    hash.update(path.relative(ENGINE, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export interface Provenance {
  /** HEAD when the bench ran; null outside a git checkout. */
  commit: string | null;
  /** Whether src/engine had changes not in that commit. */
  engine_modified: boolean;
  engine_hash: string;
}

export function provenance(): Provenance {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', 'HEAD');
  const status = git('status', '--porcelain', '--', 'src/engine');
  return { commit, engine_modified: status !== null && status !== '', engine_hash: engineHash() };
}
