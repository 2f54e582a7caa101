import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/catalytic.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole command, start-up included: what an operator waits. */
  seconds: number;
}

/** The environment a child process of ours gets: PATH and HOME, plus `env`; nothing else leaks in. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env };
}

/** Runs `catalytic <args>` to completion (killed after `timeoutMs`). */
export async function runCatalytic(args: string[], env: Record<string, string>, cwd: string, timeoutMs = 300_000): Promise<CliRun> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args], { cwd, env: childEnv(env), timeout: timeoutMs });
    return { code: 0, stdout, stderr, seconds: seconds() };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : null,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(err),
      seconds: seconds(),
    };
  }
}
