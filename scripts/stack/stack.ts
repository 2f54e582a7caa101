import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type CreatedDatabase, uniqueDatabaseName, withDatabase } from './database.js';
import { Fleet } from './fleet.js';
import { freePort } from './free-port.js';
import { type Balancer, startHaproxy } from './haproxy.js';
import { type OwnRedis, startRedisServer } from './redis-server.js';

export interface StackOptions {
  /** A PostgreSQL server URL (any database on it); a fresh database is created there and dropped at the end. */
  postgresUrl?: string;
  /** An existing Redis; unset: a redis-server of the stack's own, so nothing is shared with other runs. */
  redisUrl?: string;
  /** Configuration for every process of the fleet. */
  env?: Record<string, string>;
  /** Configuration for the worker processes only. */
  workerEnv?: Record<string, string>;
  apis?: number;
  workers?: number;
  /** haproxy in front of the APIs (default); false: the first API's URL is the stack's URL. */
  balancer?: boolean;
  /** Keep the folder with logs after stop. */
  keepDir?: boolean;
}

/** The local PostgreSQL every checkout's tests use: DATABASE_URL when set, else the CI default. */
export const DEFAULT_POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Stack {
  /** Where clients go: the balancer, or the only API. */
  url: string;
  apis: string[];
  /** The stack's own database (dropped at stop). */
  databaseUrl: string;
  fleet: Fleet;
  dir: string;
  /** One line per component, for reports. */
  components: string[];
  stop(): Promise<void>;
}

/**
 * The whole service as it is deployed: API ×2 and worker ×1 as separate
 * processes on one real PostgreSQL and Redis, behind haproxy. Everything it
 * starts it stops, and its database is dropped, also when start-up fails.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'catalytic-stack-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (!options.keepDir) await rm(dir, { recursive: true, force: true });
  };
  try {
    const postgresUrl = options.postgresUrl ?? DEFAULT_POSTGRES_URL;
    const database: CreatedDatabase = await createDatabase(withDatabase(postgresUrl, 'postgres'), uniqueDatabaseName('catalytic_stack'));
    cleanups.push(() => database.drop());
    let redis: OwnRedis | undefined;
    if (!options.redisUrl) {
      redis = await startRedisServer();
      cleanups.push(() => redis!.stop());
    }
    const redisUrl = options.redisUrl ?? redis!.url;
    const useBalancer = options.balancer ?? true;
    const balancerPort = useBalancer ? await freePort() : undefined;
    const fleet = await Fleet.start({
      databaseUrl: database.url,
      redisUrl,
      dir,
      apis: options.apis ?? 2,
      workers: options.workers ?? 1,
      env: options.env ?? {},
      workerEnv: options.workerEnv ?? {},
      ...(balancerPort === undefined ? {} : { publicUrl: `http://127.0.0.1:${balancerPort}` }),
    });
    cleanups.push(() => fleet.stop());
    let balancer: Balancer | undefined;
    if (balancerPort !== undefined) {
      balancer = await startHaproxy(dir, fleet.apis, balancerPort);
      cleanups.push(() => balancer!.stop());
    }
    const redacted = new URL(database.url);
    redacted.password = redacted.password ? '***' : '';
    return {
      url: balancer?.url ?? fleet.apis[0],
      apis: fleet.apis,
      databaseUrl: database.url,
      fleet,
      dir,
      components: [
        `PostgreSQL: database ${database.name} on ${redacted.host} (created for this run, dropped after)`,
        `Redis: ${redis ? `own redis-server at ${redisUrl}` : redisUrl}`,
        `API processes: ${fleet.apis.join(', ')}`,
        `Worker processes: ${options.workers ?? 1}`,
        balancer ? `Balancer: haproxy (round robin, health-checked) at ${balancer.url}` : 'Balancer: none',
      ],
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Runs `cleanup`, then exits, when this process is told to stop (Ctrl-C,
 * SIGTERM, a closed terminal), so nothing it started outlives it; a reader
 * of its output going away (EPIPE) no longer kills it before it cleans up.
 * Returns a function that removes the signal handlers.
 */
export function cleanUpOnSignals(cleanup: () => Promise<void>): () => void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handlers = signals.map((signal) => {
    const handler = () => void cleanup().finally(() => process.exit(128 + constants.signals[signal]));
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}
