import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startProcess, type ServiceProcess } from './processes.js';

/**
 * A fleet on one machine as production runs it on many: API processes and
 * workers on one PostgreSQL and Redis, behind HAProxy health-checking
 * /health/ready. Used by the fleet tests and the rolling-restart benchmark.
 */

export interface FleetOptions {
  databaseUrl: string;
  redisUrl: string;
  apis: number;
  workers: number;
  workDir: string;
  env?: Record<string, string>;
}

export interface Member {
  name: string;
  /** The API's port; 0 for a worker. */
  port: number;
  current: ServiceProcess;
}

export interface Fleet {
  apis: Member[];
  workers: Member[];
  /** SIGTERM, wait for the exit (which must be 0), start it again and wait until it is ready. */
  restart(member: Member): Promise<{ exitCode: number | string; downSeconds: number }>;
  /** Restarts each API in turn; the next goes only once HAProxy has seen the previous one up again (two good checks). */
  rollApis(): Promise<{ exitCode: number | string; downSeconds: number }[]>;
  stop(): Promise<void>;
}

// Short intervals so a test sees the effects of a restart within seconds.
const FLEET_ENV = {
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  // One key for the whole fleet, as production requires; fresh for each run.
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  DATABASE_POOL_MAX: '6',
  ARGON2_MEMORY_KIB: '1024',
  ARGON2_TIME_COST: '1',
  QUEUE_POLL_INTERVAL_SECONDS: '0.5',
  USAGE_FLUSH_INTERVAL_SECONDS: '1',
  SHUTDOWN_DRAIN_DELAY_MS: '2000',
  SHUTDOWN_GRACE_MS: '15000',
};

function launch(member: { name: string; port: number }, o: FleetOptions): ServiceProcess {
  const env: Record<string, string> = {
    ...FLEET_ENV,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    DATA_DIR: path.join(o.workDir, member.name),
    ...o.env,
  };
  if (member.port) Object.assign(env, { HOST: '127.0.0.1', PORT: String(member.port) });
  // Workers log at info: their "worker running" line is how waitStarted knows they took the queue.
  // Each takes any free port for its /metrics: two workers on one host cannot share the default.
  else Object.assign(env, { LOG_LEVEL: 'info', METRICS_PORT: '0' });
  return startProcess(member.name, [member.port ? 'api' : 'worker'], env, o.workDir);
}

/** An API is ready when /health/ready says so; a worker, which has no port, once it logs that it runs. */
async function waitStarted(member: Member): Promise<void> {
  if (member.port) return member.current.waitReady(member.port);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (member.current.process.exitCode !== null) throw new Error(`${member.name} exited:\n${member.current.outputTail()}`);
    if (member.current.outputTail().includes('"msg":"worker running"')) return;
    await sleep(200);
  }
  throw new Error(`${member.name} did not start in time:\n${member.current.outputTail()}`);
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const apis: Member[] = [];
  for (let i = 0; i < o.apis; i++) {
    const m = { name: `api-${i + 1}`, port: await freePort() };
    apis.push({ ...m, current: launch(m, o) });
  }
  const workers: Member[] = [];
  for (let i = 0; i < o.workers; i++) {
    const m = { name: `worker-${i + 1}`, port: 0 };
    workers.push({ ...m, current: launch(m, o) });
  }
  await Promise.all([...apis, ...workers].map(waitStarted));
  const restart = async (member: Member) => {
    const stoppedAt = performance.now();
    const exitCode = await member.current.stop('SIGTERM');
    member.current = launch(member, o);
    await waitStarted(member);
    return { exitCode, downSeconds: (performance.now() - stoppedAt) / 1000 };
  };
  return {
    apis,
    workers,
    restart,
    async rollApis() {
      const restarts = [];
      for (const member of apis) {
        restarts.push(await restart(member));
        await sleep(1500);
      }
      return restarts;
    },
    async stop() {
      await Promise.all([...apis, ...workers].map((m) => m.current.stop('SIGTERM')));
    },
  };
}

export interface Daemon {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function daemon(command: string, args: string[], port: number, name: string): Daemon {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4096)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    if (code && code !== 0) process.stderr.write(`${name} exited ${code}: ${stderr}\n`);
  });
  return {
    port,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A private redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<Daemon> {
  const port = await freePort();
  const redis = daemon('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], port, 'redis');
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) return redis;
    await sleep(100);
  }
  await redis.stop();
  throw new Error('redis-server did not start');
}

/**
 * HAProxy in front of `backends`, with the health check and retry policy of
 * deploy/haproxy/haproxy.cfg: /health/ready every 500 ms, a server leaves
 * the pool after one failed check, and a request whose connection is refused
 * is redispatched to the other server.
 */
export async function startHaproxy(backends: number[], workDir: string): Promise<Daemon> {
  const port = await freePort();
  const config = `global
  maxconn 1024
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
frontend public
  bind 127.0.0.1:${port}
  default_backend api
backend api
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  default-server inter 500ms fall 1 rise 2
${backends.map((p, i) => `  server api-${i + 1} 127.0.0.1:${p} check`).join('\n')}
`;
  const file = path.join(workDir, 'haproxy.cfg');
  await writeFile(file, config);
  const proxy = daemon('haproxy', ['-f', file, '-db'], port, 'haproxy');
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (res.status === 200) return proxy;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await proxy.stop();
  throw new Error('haproxy did not start');
}
