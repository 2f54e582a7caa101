import path from 'node:path';
import { runCatalytic } from './cli.js';

export interface DrillTimes {
  /** Inside pg_dump (as `catalytic backup` reports it). */
  backup_seconds: number;
  /** The whole `catalytic backup` command, start-up included. */
  backup_command_seconds: number;
  backup_bytes: number;
  restore_seconds: number;
  restore_command_seconds: number;
}

function parsed(run: { code: number | null; stdout: string; stderr: string }, what: string): Record<string, number> {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

/**
 * The disaster-recovery drill as an operator runs it: `catalytic backup` of
 * the source database, then `catalytic restore` into an empty one, both
 * through the real command line. Returns what each step took.
 */
export async function backupAndRestore(sourceUrl: string, targetUrl: string, workDir: string): Promise<DrillTimes> {
  const file = path.join(workDir, 'catalytic.dump');
  const backup = await runCatalytic(['backup', '--out', file], { DATABASE_URL: sourceUrl }, workDir);
  const b = parsed(backup, 'catalytic backup');
  const restore = await runCatalytic(['restore', file], { DATABASE_URL: targetUrl }, workDir);
  const r = parsed(restore, 'catalytic restore');
  return {
    backup_seconds: b.seconds,
    backup_command_seconds: backup.seconds,
    backup_bytes: b.bytes,
    restore_seconds: r.seconds,
    restore_command_seconds: restore.seconds,
  };
}
