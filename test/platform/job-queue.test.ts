/**
 * Queue creation when nodes start together. Two workers starting at once both
 * create the queue they work; PostgreSQL can break the lock cycle between them
 * by aborting one (deadlock_detected). That node must try again, not exit.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue, SCHEMA } from '../../src/platform/job-queue.js';
import { createTestDatabase } from '../support/test-database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const queues: JobQueue[] = [];

const newQueue = () => {
  const queue = new JobQueue({
    connectionString: database.url,
    timeoutSeconds: 60,
    retryLimit: 0,
    maintenanceIntervalSeconds: 60,
    pollingIntervalSeconds: 1,
  });
  queues.push(queue);
  return queue;
};

const queueRows = async (client: pg.Client, name: string) =>
  (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.queue WHERE name = $1`, [name])).rows[0].n;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const queue of queues) await queue.stop();
  await database?.drop();
});

describe('JobQueue start and queue creation when nodes start together', () => {
  it('tries again when PostgreSQL aborts it to break a deadlock, and creates the queue once', async () => {
    const queue = newQueue();
    await queue.start();
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      // Another node is creating the same queue: its row is inserted, not yet committed.
      await other.query('BEGIN');
      await other.query(`INSERT INTO ${SCHEMA}.queue (name, policy, partition_name) VALUES ('racing', 'standard', 'jracing')`);
      const working = queue
        .work('racing', async () => undefined)
        .then(
          () => 'working',
          (err: unknown) => err,
        );
      // Ours waits on that row; the other node then needs a lock ours holds: a cycle, which
      // PostgreSQL breaks after deadlock_timeout by aborting the first waiter (ours).
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query(`LOCK TABLE ${SCHEMA}.queue IN ACCESS EXCLUSIVE MODE`);
      await other.query('ROLLBACK');
      expect(await working).toBe('working');
      expect(await queueRows(other, 'racing')).toBe(1);
    } finally {
      await other.end();
    }
  });

  it("tries its GRANT again when another node's catalog change lands under it", async () => {
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      // Another node changes the same catalog rows (the tables' ACLs) and has not committed yet.
      await other.query('BEGIN');
      await other.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO catalytic_app`);
      const starting = newQueue()
        .start()
        .then(
          () => 'started',
          (err: unknown) => err,
        );
      // Ours waits on those rows; when the other commits, PostgreSQL aborts ours with
      // "tuple concurrently updated" rather than re-reading them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query('COMMIT');
      expect(await starting).toBe('started');
    } finally {
      await other.end();
    }
  });

  it('lets several nodes start at once on new queues', async () => {
    // Concurrent creations deadlocked, and the same ones again on every retry (CI saw five in a row at 3 × 4).
    const nodes = Array.from({ length: 6 }, () => newQueue());
    const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
    await Promise.all(nodes.flatMap((node) => names.map((name) => node.work(name, async () => undefined))));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const name of names) expect(await queueRows(client, name)).toBe(1);
    } finally {
      await client.end();
    }
  });
});
