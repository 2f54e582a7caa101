import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A database name no other run picks: `<prefix>_<time>_<random>`. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function onServer<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface CreatedDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a database on the server of `adminUrl` (empty, or a copy of
 * `template`) and returns its URL with a `drop` that removes it even while
 * processes are still connected.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<CreatedDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  await onServer(adminUrl, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => onServer(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
