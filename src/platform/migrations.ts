import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { withSessionLock } from './session-lock.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
}

// Serialises concurrent runners (two processes starting at once).
const LOCK_KEY = 7_231_885_001;

/** Reads `NNN_name.up.sql` / `NNN_name.down.sql` pairs in version order. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = await readdir(dir);
  const byVersion = new Map<number, Partial<Migration>>();
  for (const file of files) {
    const m = /^(\d+)_([a-z0-9_]+)\.(up|down)\.sql$/.exec(file);
    if (!m) continue;
    const version = Number(m[1]);
    const entry = byVersion.get(version) ?? { version, name: m[2] };
    entry[m[3] as 'up' | 'down'] = await readFile(`${dir}/${file}`, 'utf8');
    byVersion.set(version, entry);
  }
  return [...byVersion.values()]
    .map((m) => {
      if (m.up === undefined || m.down === undefined) throw new Error(`migration ${m.version} needs both up and down files`);
      return m as Migration;
    })
    .sort((a, b) => a.version - b.version);
}

function withLock<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withSessionLock(connectionString, LOCK_KEY, async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    return fn(client);
  });
}

async function applied(client: pg.Client): Promise<Set<number>> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/** Applies every pending migration, each in its own transaction. Returns the versions applied. */
export async function migrateUp(connectionString: string, dir = MIGRATIONS_DIR): Promise<number[]> {
  const migrations = await readMigrations(dir);
  return withLock(connectionString, async (client) => {
    const done = await applied(client);
    const ran: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.up);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
      }
      ran.push(m.version);
    }
    return ran;
  });
}

/** Reverts the newest `steps` applied migrations. Returns the versions reverted. */
export async function migrateDown(connectionString: string, steps = 1, dir = MIGRATIONS_DIR): Promise<number[]> {
  const migrations = await readMigrations(dir);
  return withLock(connectionString, async (client) => {
    const done = await applied(client);
    const targets = migrations
      .filter((m) => done.has(m.version))
      .reverse()
      .slice(0, steps);
    for (const m of targets) {
      await client.query('BEGIN');
      try {
        await client.query(m.down);
        await client.query('DELETE FROM schema_migrations WHERE version = $1', [m.version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`reverting ${m.version}_${m.name} failed: ${(err as Error).message}`);
      }
    }
    return targets.map((m) => m.version);
  });
}
