import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPOSITORY_ROOT, 'bin/catalytic.mjs');
const TAIL_CHARS = 8_000;

export type Role = 'api' | 'worker';

export interface ProcessSpec {
  /** Unique in its fleet, e.g. `api-1`; names the log file. */
  name: string;
  role: Role;
  /** The whole environment of the process: nothing is inherited implicitly. */
  env: Record<string, string>;
  /** Working directory: a fleet's own folder, so no developer `.env` is picked up. */
  cwd: string;
  /** Where stdout and stderr are appended. */
  logFile: string;
}

export interface CatalyticProcess {
  spec: ProcessSpec;
  child: ChildProcess;
  /** Resolves with the exit code, or the signal's name, once the process has gone. */
  exited: Promise<number | string>;
  /** The last few KB of output, for the message when something fails. */
  tail(): string;
}

/** The only line the worker prints once it takes jobs (with LOG_LEVEL info or lower). */
const WORKER_READY = /"msg":"worker running"/;

/** Starts `catalytic <role>` with its output appended to the spec's log file. */
export function startCatalyticProcess(spec: ProcessSpec): CatalyticProcess & { workerReady: Promise<void> } {
  const child = spawn(process.execPath, [BIN, spec.role], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  let tail = '';
  let signalReady: () => void = () => undefined;
  const workerReady = new Promise<void>((resolve) => (signalReady = resolve));
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      tail = (tail + chunk).slice(-TAIL_CHARS);
      if (WORKER_READY.test(tail)) signalReady();
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { spec, child, exited, workerReady, tail: () => tail };
}

/** Resolves once `url` answers 200; rejects early when the process exits and late after `timeoutMs`. */
export async function waitForHttpOk(proc: CatalyticProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: number | string | undefined;
  void proc.exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`${proc.spec.name} exited (${gone}) before ${url} answered:\n${proc.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(150);
  }
  throw new Error(`${proc.spec.name}: ${url} did not answer 200 within ${timeoutMs} ms:\n${proc.tail()}`);
}

/** Resolves once `ready` does; rejects when the process exits first or after `timeoutMs`. */
export async function waitFor(proc: CatalyticProcess, ready: Promise<void>, what: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${proc.spec.name}: not ${what} within ${timeoutMs} ms:\n${proc.tail()}`)), timeoutMs);
  });
  const died = proc.exited.then((code) => {
    throw new Error(`${proc.spec.name} exited (${code}) before it was ${what}:\n${proc.tail()}`);
  });
  try {
    await Promise.race([ready, late, died]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopProcess(proc: CatalyticProcess, graceMs: number): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  try {
    await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}
