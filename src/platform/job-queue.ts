import PgBoss from 'pg-boss';
import type { Queryable } from './database.js';

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

/**
 * The PostgreSQL-backed queue (pg-boss): durable, survives any process
 * restart, and a job whose worker died is expired and retried by whichever
 * worker's maintenance runs next.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly created = new Set<string>();
  private started: Promise<void> | null = null;

  constructor(private readonly o: JobQueueOptions) {
    this.boss = new PgBoss({
      connectionString: o.connectionString,
      schema: SCHEMA,
      max: 4,
      maintenanceIntervalSeconds: o.maintenanceIntervalSeconds,
      monitorStateIntervalSeconds: 60,
      application_name: 'catalytic-queue',
    });
    this.boss.on('error', () => undefined);
  }

  /** Installs or upgrades pg-boss's schema and lets the application role use it (enqueueing happens in app transactions). */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      await this.boss.getDb().executeSql(
        // Nodes starting together would race on the catalog rows GRANT updates; the lock serialises them.
        `DO $$ BEGIN
           PERFORM pg_advisory_xact_lock(7231885003);
           IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalytic_app') THEN
             GRANT USAGE ON SCHEMA ${SCHEMA} TO catalytic_app;
             GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA ${SCHEMA} TO catalytic_app;
           END IF;
         END $$`,
        [],
      );
    })();
    return this.started;
  }

  private async queue(name: string): Promise<void> {
    if (this.created.has(name)) return;
    await this.start();
    await this.boss.createQueue(name, {
      name,
      retryLimit: this.o.retryLimit,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: this.o.timeoutSeconds,
    });
    this.created.add(name);
  }

  /** Enqueues on the caller's transaction: the job exists only if the transaction commits. */
  async send<T extends object>(name: string, id: string, data: T, tx?: Queryable): Promise<void> {
    await this.queue(name);
    const db = tx ? { executeSql: (text: string, values: unknown[]) => tx.query(text, values) } : undefined;
    await this.boss.send(name, data, { id, ...(db ? { db } : {}) });
  }

  async work<T>(name: string, handler: (job: QueuedJob<T>) => Promise<void>): Promise<void> {
    await this.queue(name);
    await this.boss.work<T>(
      name,
      { batchSize: 1, pollingIntervalSeconds: this.o.pollingIntervalSeconds, includeMetadata: true },
      async ([job]) => {
        await handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
      },
    );
  }

  async cancel(name: string, id: string): Promise<void> {
    await this.queue(name);
    await this.boss.cancel(name, id);
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
