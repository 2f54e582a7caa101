import PgBoss from 'pg-boss';
import type { Queryable } from './database.js';
import { translateDatabaseError } from './database-errors.js';
import { withSessionLock } from './session-lock.js';

/** A queue failure arrives typed like any database failure: an outage is DatabaseUnavailable (503), not an internal error. */
const typed = (err: unknown): never => {
  throw translateDatabaseError(err);
};

export interface JobQueueOptions {
  connectionString: string;
  /** A job whose worker stops answering (killed, partitioned) is failed and retried after this long. */
  timeoutSeconds: number;
  retryLimit: number;
  /** How often expired jobs are looked for; short in tests so a killed worker's job is retried quickly. */
  maintenanceIntervalSeconds: number;
  pollingIntervalSeconds: number;
}

export interface QueuedJob<T> {
  id: string;
  data: T;
  retryCount: number;
  retryLimit: number;
}

export const SCHEMA = 'pgboss';

const CONFLICT_ATTEMPTS = 5;
/** Serialises queue creation across processes (see queue()). */
const QUEUE_CREATION_LOCK = 7231885004;

/**
 * A statement aborted only because another node changed the same rows at the same time:
 * deadlock_detected, serialization_failure, or a catalog row (a table's ACL, a partition's
 * parent) updated under it — PostgreSQL's "tuple concurrently updated", which has no SQLSTATE
 * of its own (XX000). Trying again is safe: what is retried is idempotent.
 */
const isLockConflict = (err: unknown): boolean => {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return code === '40P01' || code === '40001' || (code === 'XX000' && /tuple concurrently (updated|deleted)/.test(String(message)));
};

/** Runs `attempt` again, after a short pause, when it fails with a lock conflict. */
async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isLockConflict(err) || n >= CONFLICT_ATTEMPTS) throw err;
      // Jittered, so nodes that collided do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, 50 * n * (0.5 + Math.random())));
    }
  }
}

/**
 * The PostgreSQL-backed queue (pg-boss): durable, survives any process
 * restart, and a job whose worker died is expired and retried by whichever
 * worker's maintenance runs next.
 */
export class JobQueue {
  private boss: PgBoss;
  private readonly created = new Set<string>();
  /** Creations in flight: concurrent first sends share one (and one locking connection) instead of each opening its own. */
  private readonly creating = new Map<string, Promise<void>>();
  private started: Promise<void> | null = null;

  constructor(private readonly o: JobQueueOptions) {
    this.boss = this.newBoss();
  }

  private newBoss(): PgBoss {
    const boss = new PgBoss({
      connectionString: this.o.connectionString,
      schema: SCHEMA,
      max: 4,
      maintenanceIntervalSeconds: this.o.maintenanceIntervalSeconds,
      monitorStateIntervalSeconds: 60,
      application_name: 'catalytic-queue',
    });
    boss.on('error', () => undefined);
    return boss;
  }

  /** Installs or upgrades pg-boss's schema and lets the application role use it (enqueueing happens in app transactions). */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      // Nodes starting together would race on the catalog rows GRANT updates: the lock orders their
      // GRANTs, and one aborted by another node's queue partition (same rows) is tried again.
      await retryingConflicts(() =>
        this.boss.getDb().executeSql(
          `DO $$ BEGIN
           PERFORM pg_advisory_xact_lock(7231885003);
           IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalytic_app') THEN
             GRANT USAGE ON SCHEMA ${SCHEMA} TO catalytic_app;
             GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA ${SCHEMA} TO catalytic_app;
           END IF;
         END $$`,
          [],
        ),
      );
    })().catch(async (err: unknown) => {
      // A start that failed (the database down) is tried again by the next call, on a fresh
      // pg-boss (one whose start failed does not install its schema again), not remembered.
      const failed = this.boss;
      this.boss = this.newBoss();
      this.started = null;
      await failed.stop({ graceful: false, close: true }).catch(() => undefined);
      return typed(err);
    });
    return this.started;
  }

  private queue(name: string): Promise<void> {
    if (this.created.has(name)) return Promise.resolve();
    let creating = this.creating.get(name);
    if (creating === undefined) {
      creating = this.create(name).finally(() => this.creating.delete(name));
      this.creating.set(name, creating);
    }
    return creating;
  }

  private async create(name: string): Promise<void> {
    await this.start();
    const options = {
      name,
      retryLimit: this.o.retryLimit,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: this.o.timeoutSeconds,
    };
    // Creating a queue inserts its row, creates its partition and adds keys that lock the queue
    // and job tables: two creations at once (nodes starting together) can deadlock, and the
    // same ones again on every retry. So creations take turns across processes (a session lock
    // on a connection of its own: pg-boss runs the creation on its pool). Creation is idempotent,
    // and a conflict with other work on those tables is still tried again.
    await withSessionLock(this.o.connectionString, QUEUE_CREATION_LOCK, () =>
      retryingConflicts(() => this.boss.createQueue(name, options)),
    ).catch(typed);
    this.created.add(name);
  }

  /** Enqueues on the caller's transaction: the job exists only if the transaction commits. */
  async send<T extends object>(name: string, id: string, data: T, tx?: Queryable): Promise<void> {
    await this.queue(name);
    const db = tx ? { executeSql: (text: string, values: unknown[]) => tx.query(text, values) } : undefined;
    await this.boss.send(name, data, { id, ...(db ? { db } : {}) }).catch(typed);
  }

  /** Runs `handler` on up to `concurrency` jobs of the queue at once (one polling loop each). */
  async work<T>(name: string, handler: (job: QueuedJob<T>) => Promise<void>, concurrency = 1): Promise<void> {
    await this.queue(name);
    for (let i = 0; i < Math.max(1, concurrency); i++) {
      await this.boss.work<T>(
        name,
        { batchSize: 1, pollingIntervalSeconds: this.o.pollingIntervalSeconds, includeMetadata: true },
        async ([job]) => {
          await handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
        },
      );
    }
  }

  /** Puts `data` back on the queue to be taken again after `seconds` (a job that may not start yet). */
  async defer<T extends object>(name: string, data: T, seconds: number): Promise<void> {
    await this.queue(name);
    await this.boss.send(name, data, { startAfter: seconds });
  }

  async cancel(name: string, id: string): Promise<void> {
    await this.queue(name);
    await this.boss.cancel(name, id).catch(typed);
  }

  /** Jobs of the queue waiting to start (created, or waiting for a retry); 0 before the queue exists. */
  async waiting(name: string): Promise<number> {
    if (!this.created.has(name)) return 0;
    return this.boss.getQueueSize(name, { before: 'active' });
  }

  async ping(): Promise<'running' | 'not_running'> {
    if (!this.started) return 'not_running';
    await this.started;
    return 'running';
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
