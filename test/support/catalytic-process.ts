import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_ENCRYPTION_KEY } from './test-encryption-key.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/catalytic.mjs');

export interface CatalyticProcess {
  proc: ChildProcess;
  /** Everything it printed so far (for assertion messages). */
  output(): string;
  /** Polls `url` until it answers 200; fails with the output when the process exits or time runs out. */
  waitFor(url: string, ms?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `catalytic <command>` the way an operator runs it, with only the environment given (plus PATH and HOME). */
export function spawnCatalytic(command: string, env: Record<string, string>, cwd: string): CatalyticProcess {
  const proc = spawn(process.execPath, [BIN, command], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // Processes of one test share a database, so they share the key that seals its secrets.
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    output: () => output,
    async waitFor(url, ms = 90_000) {
      // Start-up loads the sources through tsx and migrates: slow on a busy machine.
      const by = Date.now() + ms;
      while (Date.now() < by) {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`catalytic ${command} exited:\n${output}`);
        const ok = await fetch(url, { signal: AbortSignal.timeout(5000) }).then(
          (r) => r.body?.cancel().then(() => r.ok) ?? r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`catalytic ${command} did not answer ${url} in ${ms} ms:\n${output}`);
    },
    async stop(graceMs = 15_000) {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

/** What a one-shot `catalytic` command printed and how it exited. */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a one-shot `catalytic ARGS…` (admin, migrate, backup) to its end with
 * only the environment given (plus PATH and HOME); SIGKILLed after `timeoutMs`.
 * Logging is silent unless `env` sets LOG_LEVEL.
 */
export function runCatalytic(args: string[], env: Record<string, string>, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      // Away from the checkout, so a developer's .env there does not leak in.
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
