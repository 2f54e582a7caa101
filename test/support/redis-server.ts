import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server gracefully (SIGTERM) for good. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL): a Redis outage as the service sees it. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and commands hang, as with a stalled host. */
  pause(): void;
  /** Thaws a paused server (SIGCONT), its data intact. */
  resume(): void;
}

/**
 * A redis-server of the test's own on a free loopback port: for suites that
 * need a real Redis when REDIS_URL is unset (the embedded pass), and for tests
 * that stop Redis without touching the shared one. Nothing is saved to disk.
 * Fails loudly when redis-server is not installed: CI installs it.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      {
        stdio: 'ignore',
      },
    );
    child = c;
    const exited = new Promise<never>((_, reject) => {
      c.once('error', (err) => reject(new Error(`redis-server could not start: ${err.message}`)));
      c.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
    });
    exited.catch(() => undefined);
    await Promise.race([exited, ready(url)]);
  };
  const halt = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  };
  await start();
  const signal = (sig: NodeJS.Signals) => () => {
    if (!(child as ChildProcess | null)?.kill(sig)) throw new Error(`redis-server could not be sent ${sig}`);
  };
  return {
    url,
    port,
    start,
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    pause: signal('SIGSTOP'),
    resume: signal('SIGCONT'),
  };
}

async function ready(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${url}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}
