import { randomBytes } from 'node:crypto';
import { rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  embeddedDatabaseUrl,
  LEGACY_EMBEDDED_PASSWORD,
  PASSWORD_FILE,
  readEmbeddedPassword,
} from '../../src/platform/embedded-database-url.js';
import { startEmbeddedPostgres } from '../../src/platform/embedded-postgres.js';
import { freePort } from '../support/free-port.js';

// The embedded PostgreSQL's superuser password is generated per data
// directory and kept there (0600), never a constant every install shares.
const dirs: string[] = [];
const newDir = () => {
  const dir = path.resolve(`.catalytic/test-embedded-password-${process.pid}-${randomBytes(3).toString('hex')}`);
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL superuser password', { timeout: 180_000 }, () => {
  it('is generated per data directory, stored 0600 in it, kept across restarts; the old fixed one does not work', async () => {
    const [dirA, dirB] = [newDir(), newDir()];
    const [portA, portB] = [await freePort(), await freePort()];
    const a = await startEmbeddedPostgres({ dataDir: dirA, port: portA, database: 'catalytic' });
    const b = await startEmbeddedPostgres({ dataDir: dirB, port: portB, database: 'catalytic' });
    try {
      const [pa, pb] = [readEmbeddedPassword(dirA), readEmbeddedPassword(dirB)];
      expect(pa).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pb).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pa).not.toBe(pb);
      expect((await stat(path.join(dirA, PASSWORD_FILE))).mode & 0o777).toBe(0o600);
      expect(a.url).toBe(embeddedDatabaseUrl(portA, 'catalytic', pa as string));
      expect(await connects(a.url)).toBe(true);
      expect(await connects(embeddedDatabaseUrl(portA, 'catalytic', LEGACY_EMBEDDED_PASSWORD))).toBe(false);
      expect(await connects(embeddedDatabaseUrl(portA, 'catalytic', pb as string))).toBe(false);
    } finally {
      await b.stop();
      await a.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir: dirA, port: portA, database: 'catalytic' });
    try {
      expect(readEmbeddedPassword(dirA)).not.toBeNull();
      expect(await connects(again.url)).toBe(true);
    } finally {
      await again.stop();
    }
  });

  it('a cluster made with the old fixed password gets its own on the next start', async () => {
    const dir = newDir();
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: dir, port, database: 'catalytic' });
    // Turn it into what an older version left behind: the fixed password and no password file.
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query(`ALTER ROLE postgres PASSWORD '${LEGACY_EMBEDDED_PASSWORD}'`);
    await client.end();
    await first.stop();
    await unlink(path.join(dir, PASSWORD_FILE));

    const upgraded = await startEmbeddedPostgres({ dataDir: dir, port, database: 'catalytic' });
    try {
      const password = readEmbeddedPassword(dir);
      expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await connects(upgraded.url)).toBe(true);
      expect(await connects(embeddedDatabaseUrl(port, 'catalytic', LEGACY_EMBEDDED_PASSWORD))).toBe(false);
    } finally {
      await upgraded.stop();
    }
  });
});
