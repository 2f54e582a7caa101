import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../http/processes.js';
import { BIN, childEnv } from './cli.js';

const TAIL_BYTES = 16_384;

export { freePort };

export interface ServiceProcess {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string>;
  outputTail(): string;
  /** Polls /health/ready on `port` until it answers 200 (https when `ca` is given). */
  waitReady(port: number, opts?: { ca?: string; timeoutMs?: number }): Promise<void>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** GET `path` on the loopback; resolves with the status, or 0 when the connection failed. */
export function probe(port: number, path: string, ca?: string): Promise<number> {
  return new Promise((resolve) => {
    const options = { host: '127.0.0.1', port, path, agent: false, timeout: 5000, ...(ca ? { ca, servername: 'localhost' } : {}) };
    const req = (ca ? https : http).get(options, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Starts `catalytic <args>` with a clean environment plus `env` (logs at warn, to stderr's tail). */
export function startProcess(name: string, args: string[], env: Record<string, string>, cwd: string): ServiceProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    name,
    process: child,
    exited,
    outputTail: () => tail,
    async waitReady(port, opts = {}) {
      const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it was ready:\n${tail}`);
        if ((await probe(port, '/health/ready', opts.ca)) === 200) return;
        await sleep(200);
      }
      throw new Error(`${name} was not ready on port ${port} in time:\n${tail}`);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
