import { randomBytes } from 'node:crypto';
/**
 * Child processes of the HTTP bench: each server runs alone in its own
 * process, so the load generator in the bench process never shares an event
 * loop with what it measures.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigSchema } from '../../src/platform/config.js';

const TAIL_BYTES = 8_192;

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has gone. */
  exited: Promise<number | string>;
  /** The last few KB of stderr, for the message when a child fails. */
  stderrTail(): string;
  /** The first stdout line that parses as JSON with `ready: true`. */
  ready: Promise<Record<string, unknown>>;
}

export { freePort } from '../../scripts/stack/free-port.js';
export { redisReachable } from '../../scripts/stack/redis-server.js';

/** Starts `node <args>` with `env` (the whole environment: nothing is inherited implicitly). */
export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Child {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-TAIL_BYTES);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (parsed.ready === true) resolve(parsed);
        } catch {
          // A log line that is not ours.
        }
      }
    });
    exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${tail}`)));
  });
  ready.catch(() => undefined);
  return { name, process: child, exited, ready, stderrTail: () => tail };
}

/** Waits for `url` to answer 200, failing early when the child exits and late after `timeoutMs`. */
export async function waitForHttp(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  child.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${child.name} exited before ${url} answered:\n${child.stderrTail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${child.name}: ${url} did not answer 200 within ${timeoutMs} ms:\n${child.stderrTail()}`);
}

/** Waits for the child's ready line, bounded. */
export async function waitForReady(child: Child, timeoutMs: number): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${child.name} printed no ready line within ${timeoutMs} ms:\n${child.stderrTail()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([child.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopChild(child: Child, graceMs: number): Promise<number | string> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return child.exited;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
  }
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in ms; null when it is gone or /proc is not there. */
export async function cpuTimeMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; fields after it are space-separated.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

// Production requires a shared ENCRYPTION_KEY: one per bench run, so every child of the run shares it.
const RUN_ENCRYPTION_KEY = randomBytes(32).toString('base64');

/** An API child's environment: this process's, less every Catalytic setting, plus `settings`. */
export function apiChildEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(ConfigSchema.properties)) delete env[key];
  return { ...env, NODE_ENV: 'production', ENCRYPTION_KEY: RUN_ENCRYPTION_KEY, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...settings };
}
