import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCatalytic } from '../support/catalytic-process.js';
import { call } from '../support/tenant-fixtures.js';
import { createTestApp, TEST_ENCRYPTION_KEY, type TestApp } from '../support/test-app.js';

// Each spawn loads the sources through tsx (seconds of CPU on a busy machine); the spawns of one test run concurrently.
const SPAWN_TEST_TIMEOUT = 180_000;

const runCli = (args: string[], env: Record<string, string>) => runCatalytic(args, env, SPAWN_TEST_TIMEOUT - 10_000);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('catalytic admin grant|revoke EMAIL', () => {
  it('grants the platform administration routes to the account, and revoke takes them back', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const operator = await t.signup();
    // The CLI opens the signing keys the app sealed: the same encryption key.
    const env = { DATABASE_URL: t.databaseUrl, ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };
    const [granted, unknown, usage, help] = await Promise.all([
      runCli(['admin', 'grant', operator.email.toUpperCase()], env),
      runCli(['admin', 'grant', 'nobody-at-all@example.com'], env),
      runCli(['admin', 'promote', operator.email], env),
      runCli(['admin', '--help'], env),
    ]);
    // Asked for, the usage is an answer (stdout, exit 0); given after a mistake, it is an error (stderr, exit 2).
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('catalytic admin grant EMAIL');
    expect(granted.code, granted.stderr).toBe(0);
    expect(JSON.parse(granted.stdout)).toMatchObject({ action: 'grant', user_id: operator.userId, tenant_slug: operator.tenantSlug });
    // The operator's token was never resolved by this node, so it is read fresh with the grant.
    const list = await call(t, 'GET', '/admin/tenants', { token: operator.accessToken });
    expect(list.statusCode, list.body).toBe(200);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nobody-at-all@example.com');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('catalytic admin grant EMAIL');

    const revoked = await runCli(['admin', 'revoke', operator.email], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    const { rows } = await t.runtime.db.systemQuery<{ platform_admin: boolean }>('SELECT platform_admin FROM users WHERE id = $1', [
      operator.userId,
    ]);
    expect(rows[0].platform_admin).toBe(false);
  });
});
