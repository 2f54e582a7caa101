import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BuildInfo {
  version: string;
  commit: string;
  node_version: string;
}

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The git directory of a checkout: `.git` itself, or where a worktree's `.git` file points. */
function gitDir(root: string): string | null {
  const dotGit = path.join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
  } catch {
    return null;
  }
  const pointer = /^gitdir:\s*(.+)$/m.exec(read(dotGit) ?? '');
  return pointer ? path.resolve(root, pointer[1]) : null;
}

/** The commit HEAD names in the checkout at `root`, read from the files git keeps (no git binary needed). */
export function headCommit(root: string): string | null {
  const dir = gitDir(root);
  const head = dir ? read(path.join(dir, 'HEAD')) : null;
  if (!dir || !head) return null;
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return null;
  const commonDir = path.resolve(dir, read(path.join(dir, 'commondir')) ?? '.');
  for (const d of [dir, commonDir]) {
    const loose = read(path.join(d, ref));
    if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
  }
  const packed = read(path.join(commonDir, 'packed-refs')) ?? '';
  return (
    packed
      .split('\n')
      .find((line) => line.endsWith(` ${ref}`))
      ?.split(' ')[0] ?? null
  );
}

/**
 * What catalytic_build_info reports. The commit comes from BUILD_COMMIT (set
 * when an image is built, where no .git exists), else from the checkout.
 */
export function buildInfo(version: string, configuredCommit: string | undefined, root: string): BuildInfo {
  return { version, commit: configuredCommit ?? headCommit(root) ?? 'unknown', node_version: process.version };
}
