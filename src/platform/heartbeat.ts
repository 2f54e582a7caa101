import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Touches `file` every `intervalMs` from the event loop: a process with no
 * HTTP port (the worker) shows it is alive and not blocked by the file's
 * age, which bin/healthcheck.mjs --heartbeat checks for container probes.
 */
export function startHeartbeat(file: string, intervalMs = 5000): { stop(): void } {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  const timer = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // The next beat tries again; a probe that sees no beat for long restarts the process.
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
