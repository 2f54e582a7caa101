import { createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys, sealContext } from '../../../src/domain/auth/signing-key-store.js';
import type { Ed25519PrivateJwk } from '../../../src/domain/auth/signing-keys.js';
import { findClientTool, libpqTarget, runClientTool, serverMajor } from '../../../src/platform/postgres-tools.js';
import { SecretBox } from '../../../src/platform/secret-box.js';
import { bearer, createTestApp, TEST_ENCRYPTION_KEY, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let workDir: string;

/** The signing key rows as stored. */
const rows = (app: TestApp) =>
  app.runtime.db.systemQuery<{ kid: string; private_jwk: unknown; private_key_sealed: string | null }>(
    'SELECT kid, private_jwk, private_key_sealed FROM signing_keys ORDER BY created_at',
  );

/** A second node on the same database with other encryption settings; its start seals or re-seals the keys. */
async function startNode(env: Record<string, string>): Promise<TestApp> {
  return createTestApp({ databaseUrl: t.databaseUrl, env });
}

const me = (app: TestApp, token: string) => app.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-keys-'));
  t = await createTestApp();
  await t.signup();
});
afterAll(async () => {
  await t?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('JWT private keys at rest', () => {
  it('a pg_dump of the database holds no private key material in any encoding', async () => {
    const { rows: keys } = await rows(t);
    expect(keys.length).toBeGreaterThan(0);
    const file = path.join(workDir, 'dump.sql');
    const target = libpqTarget(t.databaseUrl);
    const tool = await findClientTool('pg_dump', await serverMajor(t.databaseUrl));
    await runClientTool(tool.path, [`--file=${file}`, `--dbname=${target.dbname}`], target.env);
    const dump = await readFile(file, 'utf8');
    expect(dump).toContain('signing_keys');
    expect(dump).not.toMatch(/"d"\s*:/);
    expect(dump).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    for (const key of keys) {
      expect(key.private_jwk).toBeNull();
      expect(SecretBox.isSealed(key.private_key_sealed as string)).toBe(true);
      // The secret scalar, taken by opening the sealed value with the service's key, in every encoding.
      const jwk = JSON.parse(t.runtime.secrets.open(key.private_key_sealed as string, sealContext(key.kid))) as Ed25519PrivateJwk;
      const raw = Buffer.from(jwk.d, 'base64url');
      expect(raw.length).toBe(32);
      const der = createPrivateKey({ key: { ...jwk }, format: 'jwk' }).export({ format: 'der', type: 'pkcs8' });
      for (const encoded of [
        jwk.d,
        raw.toString('base64'),
        raw.toString('base64').replace(/=+$/, ''),
        raw.toString('hex'),
        `\\x${raw.toString('hex')}`,
        der.toString('base64'),
        der.toString('hex'),
      ])
        expect(dump.toLowerCase()).not.toContain(encoded.toLowerCase());
    }
  });

  it('a sealed key does not open in another row (its kid is bound in)', async () => {
    const { rows: keys } = await rows(t);
    expect(() => t.runtime.secrets.open(keys[0].private_key_sealed as string, sealContext('another-kid'))).toThrow();
  });

  it('a plain row an older version wrote is sealed on start, and the key keeps signing', async () => {
    const { rows: before } = await rows(t);
    const kid = before[0].kid;
    const jwk = t.runtime.secrets.open(before[0].private_key_sealed as string, sealContext(kid));
    await t.runtime.db.systemQuery('UPDATE signing_keys SET private_jwk = $2::jsonb, private_key_sealed = NULL WHERE kid = $1', [kid, jwk]);
    const node = await startNode({});
    try {
      const { rows: after } = await rows(node);
      expect(after.map((r) => r.kid)).toEqual(before.map((r) => r.kid));
      expect(after[0].private_jwk).toBeNull();
      expect(SecretBox.isSealed(after[0].private_key_sealed as string)).toBe(true);
      const account = await node.signup();
      const header = JSON.parse(Buffer.from(account.accessToken.split('.')[0], 'base64url').toString('utf8'));
      expect(header.kid).toBe(kid);
      expect((await me(t, account.accessToken)).statusCode).toBe(200);
    } finally {
      await node.close();
    }
  });

  it('rotation: a node with a new ENCRYPTION_KEY and the old one in ENCRYPTION_KEYS_PREVIOUS re-seals; then the old key is not needed', async () => {
    const newKey = randomBytes(32).toString('base64');
    const rotated = await startNode({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_PREVIOUS: TEST_ENCRYPTION_KEY });
    const { rows: after } = await rows(rotated);
    await rotated.close();
    const box = new SecretBox(Buffer.from(newKey, 'base64'));
    for (const key of after) {
      expect(key.private_key_sealed?.split('.')[1]).toBe(box.currentKeyId);
      expect(JSON.parse(box.open(key.private_key_sealed as string, sealContext(key.kid))).d).toEqual(expect.any(String));
    }
    // Only the new key now: the service still starts, and tokens it signs are accepted by the first node.
    const only = await startNode({ ENCRYPTION_KEY: newKey });
    try {
      const account = await only.signup();
      expect((await me(t, account.accessToken)).statusCode).toBe(200);
    } finally {
      await only.close();
    }
    // The previous key alone no longer opens them: loading fails loudly instead of making a new key.
    const previousOnly = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'base64'));
    await expect(loadSigningKeys(t.runtime.db, undefined, previousOnly)).rejects.toThrow(/unknown key.*ENCRYPTION_KEYS_PREVIOUS/);
  });
});
