import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type ClientTool = 'pg_dump' | 'pg_restore' | 'psql';

export interface FoundTool {
  path: string;
  major: number;
}

/** Debian and PGDG install each major's client tools side by side here; PATH usually holds only one. */
const VERSIONED_BIN_ROOT = '/usr/lib/postgresql';

function candidates(tool: ClientTool, binDir: string | undefined): string[] {
  const fromPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir.length > 0)
    .map((dir) => path.join(dir, tool));
  const versioned = existsSync(VERSIONED_BIN_ROOT)
    ? readdirSync(VERSIONED_BIN_ROOT)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(VERSIONED_BIN_ROOT, v, 'bin', tool))
    : [];
  const explicit = binDir ? [path.join(binDir, tool)] : [];
  return [...new Set([...explicit, ...fromPath, ...versioned])].filter((p) => existsSync(p));
}

async function majorOf(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ['--version']);
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A client tool able to talk to a server of `serverMajor`: pg_dump refuses a
 * server newer than itself, so the first one at least as new wins (an explicit
 * POSTGRES_BIN_DIR first, then PATH, then every installed major, newest first).
 */
export async function findClientTool(tool: ClientTool, serverMajor: number, binDir?: string): Promise<FoundTool> {
  const seen: string[] = [];
  for (const binary of candidates(tool, binDir)) {
    const major = await majorOf(binary);
    if (major === null) continue;
    if (major >= serverMajor) return { path: binary, major };
    seen.push(`${binary} (${major})`);
  }
  const found = seen.length > 0 ? `; found only ${seen.join(', ')}` : '';
  throw new Error(
    `${tool} ${serverMajor} or newer is needed for a PostgreSQL ${serverMajor} server${found}. ` +
      `Install the client tools (Debian: postgresql-client-${serverMajor}) or set POSTGRES_BIN_DIR.`,
  );
}

/** The server's major version (15 for 15.8). */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/**
 * libpq settings for a URL: the password travels in the environment, never on
 * a command line where `ps` would show it.
 */
export function libpqTarget(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: Record<string, string> = {};
  if (password) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

export interface ToolRun {
  stderr: string;
}

/** Runs a client tool, rejecting with its stderr when it exits non-zero. */
export function runClientTool(binary: string, args: string[], env: Record<string, string>): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve({ stderr });
      else reject(new Error(`${path.basename(binary)} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
  });
}
