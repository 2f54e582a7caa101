import pg from 'pg';

/**
 * Runs `fn` while holding a PostgreSQL session-level advisory lock on a
 * connection of its own, so work that runs on other connections (a library's
 * pool) is still serialised across every process on the database. The lock
 * goes with the connection if the process dies.
 */
export async function withSessionLock<T>(connectionString: string, key: number, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    return await fn(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await client.end();
  }
}
