import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/domain/auth/token-service.js';
import { loadSigningKeys, sealContext } from '../../src/domain/auth/signing-key-store.js';
import { bearer, createTestApp, type Account, type TestApp } from '../support/test-app.js';

let t: TestApp;
let account: Account;
/** The claims of a real access token, to copy into forgeries. */
let realClaims: Record<string, unknown>;
let realKid: string;
let publicJwk: JWK & { x: string };
let realPrivateKey: CryptoKey;

const decodePart = (token: string, i: number): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[i], 'base64url').toString('utf8'));
const encodePart = (value: unknown): string => base64url.encode(JSON.stringify(value));

beforeAll(async () => {
  t = await createTestApp();
  account = await t.signup();
  realClaims = decodePart(account.accessToken, 1);
  realKid = decodePart(account.accessToken, 0).kid as string;
  const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
  publicJwk = jwks.keys.find((k: JWK) => k.kid === realKid);
  // With JWT_PRIVATE_KEY unset the signing key lives in the database: signing
  // with it lets a test break exactly one claim while the signature stays valid.
  // It is sealed at rest: open it as the service does.
  const { rows } = await t.runtime.db.systemQuery<{ sealed: string }>(
    'SELECT private_key_sealed AS sealed FROM signing_keys WHERE kid = $1',
    [realKid],
  );
  realPrivateKey = (await importJWK(JSON.parse(t.runtime.secrets.open(rows[0].sealed, sealContext(realKid))), 'EdDSA')) as CryptoKey;
});
afterAll(async () => t?.close());

const now = () => Math.floor(Date.now() / 1000);

/** Claims of a fresh, valid access token for `account`, with `changes` applied (undefined deletes). */
function claims(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const c: Record<string, unknown> = { ...realClaims, jti: randomUUID(), iat: now(), nbf: now(), exp: now() + 600 };
  delete c.iat_ms;
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete c[k];
    else c[k] = v;
  }
  return c;
}

const signReal = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: realKid, typ: 'JWT', ...header }).sign(realPrivateKey);

const me = (authorization: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } });

function expect401(res: LightMyRequestResponse, detail: RegExp, code?: string): void {
  expect(res.statusCode, res.body).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status: 401, title: expect.any(String), type: expect.any(String), request_id: res.headers['x-request-id'] });
  expect(['unauthenticated', 'token_invalid', 'token_expired', 'token_revoked']).toContain(body.code);
  if (code) expect(body.code).toBe(code);
  expect(body.detail).toMatch(detail);
}

/** Each bad token is tried twice: a refusal must not be cached as a success. */
async function expectRefused(token: string, detail: RegExp, code?: string): Promise<void> {
  for (let i = 0; i < 2; i++) expect401(await me(`Bearer ${token}`), detail, code);
}

describe('the real token works (control)', () => {
  it('accepts the token issued at signup and one signed here with the real key', async () => {
    expect((await me(`Bearer ${account.accessToken}`)).statusCode).toBe(200);
    const res = await me(`Bearer ${await signReal(claims())}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.id).toBe(account.userId);
  });
});

describe('forged signatures and algorithms', () => {
  it('refuses alg "none" with the real claims and kid', async () => {
    const token = `${encodePart({ alg: 'none', typ: 'JWT', kid: realKid })}.${encodePart(claims())}.`;
    await expectRefused(token, /algorithm/i);
    const noneUpper = `${encodePart({ alg: 'None', typ: 'JWT' })}.${encodePart(claims())}.`;
    await expectRefused(noneUpper, /algorithm/i);
  });

  it('refuses HS256 signed with the server public key as the HMAC secret', async () => {
    const secrets = [new TextEncoder().encode(publicJwk.x), base64url.decode(publicJwk.x)];
    for (const secret of secrets) {
      const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: realKid, typ: 'JWT' }).sign(secret);
      await expectRefused(token, /algorithm/i);
    }
  });

  it('refuses ES256 and RS256 tokens', async () => {
    for (const alg of ['ES256', 'RS256']) {
      const { privateKey } = await generateKeyPair(alg);
      const token = await new SignJWT(claims()).setProtectedHeader({ alg, kid: realKid, typ: 'JWT' }).sign(privateKey);
      await expectRefused(token, /algorithm/i);
    }
  });

  it('refuses an EdDSA token signed by another Ed25519 key under the real kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', kid: realKid, typ: 'JWT' }).sign(privateKey);
    await expectRefused(token, /invalid signature/i);
  });

  it('refuses an EdDSA token under an unknown kid, or with no kid, or embedding its own jwk', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const unknown = await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', kid: 'not-a-known-kid', typ: 'JWT' }).sign(privateKey);
    await expectRefused(unknown, /unknown key/i);
    const noKid = await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(privateKey);
    await expectRefused(noKid, /signing key/i);
    const embedded = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    await expectRefused(embedded, /signing key/i);
  });

  it('refuses a real token whose payload was edited', async () => {
    const [h, , s] = account.accessToken.split('.');
    const edited = `${h}.${encodePart({ ...realClaims, role: 'owner', sub: randomUUID() })}.${s}`;
    await expectRefused(edited, /invalid signature/i);
  });
});

describe('claims checked after a valid signature', () => {
  it('refuses an expired token signed with the real key (token_expired)', async () => {
    await expectRefused(await signReal(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 })), /expired/i, 'token_expired');
  });

  it('refuses an expired token issued by the service with a clock in the past', async () => {
    const keys = await loadSigningKeys(t.runtime.db, undefined, t.runtime.secrets);
    const past = new TokenService({
      keys,
      issuer: t.runtime.tokens.issuer,
      audience: t.runtime.tokens.audience,
      clock: () => Date.now() - 2 * 3600_000,
    });
    const issued = await past.issueAccess({ sub: account.userId, tenant_id: account.tenantId, role: 'owner' });
    await expectRefused(issued.token, /expired/i, 'token_expired');
  });

  it('refuses a token that is not valid yet', async () => {
    await expectRefused(await signReal(claims({ nbf: now() + 3600, exp: now() + 7200 })), /not valid yet/i);
  });

  it('refuses a token for another audience or from another issuer', async () => {
    await expectRefused(await signReal(claims({ aud: 'some-other-api' })), /audience/i);
    await expectRefused(await signReal(claims({ iss: 'https://evil.example' })), /issuer/i);
  });

  it.each(['tenant_id', 'jti', 'sub', 'exp', 'type', 'role', 'iat', 'nbf', 'aud', 'iss'])('refuses a token without %s', async (claim) => {
    await expectRefused(await signReal(claims({ [claim]: undefined })), new RegExp(`missing.*${claim}`, 'i'));
  });

  it('refuses claims of the wrong shape', async () => {
    await expectRefused(await signReal(claims({ tenant_id: 42 })), /tenant_id/);
    await expectRefused(await signReal(claims({ sub: '' })), /sub/);
    await expectRefused(await signReal(claims({ type: 'admin' })), /type/i);
  });

  it('refuses a validly signed token whose sub or tenant_id is not a UUID with 401, not 500', async () => {
    for (const change of [{ sub: 'not-a-uuid' }, { tenant_id: 'not-a-uuid' }, { sub: "x' OR '1'='1" }]) {
      // A fresh account each time, so no cached view of the subject can answer first.
      const fresh = await t.signup();
      const res = await me(`Bearer ${await signReal(claims({ sub: fresh.userId, tenant_id: fresh.tenantId, ...change }))}`);
      expect.soft(res.statusCode, `${JSON.stringify(change)}: ${res.body}`).toBe(401);
    }
  });

  it('refuses a token naming a user of another tenant', async () => {
    const other = await t.signup();
    const res = await me(`Bearer ${await signReal(claims({ tenant_id: other.tenantId }))}`);
    expect(res.statusCode).toBe(401);
  });

  it('refuses a refresh token used as an access token', async () => {
    await expectRefused(account.refreshToken, /refresh token/i);
  });
});

describe('malformed credentials', () => {
  it.each([
    ['abc', 'abc'],
    ['a.b.c', 'a.b.c'],
    ['two parts', 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0'],
    ['5000 characters', 'x'.repeat(5000)],
    ['a real token cut short', '__CUT__'],
    ['a JSON header that is not an object', `${encodePart('hello')}.${encodePart({})}.sig`],
  ])('refuses a garbage bearer token (%s) as malformed', async (_name, raw) => {
    const token = raw === '__CUT__' ? account.accessToken.split('.').slice(0, 2).join('.') : raw;
    await expectRefused(token, /malformed/i);
  });

  it.each([
    ['Basic credentials', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['Bearer without a token', 'Bearer'],
    ['Bearer with two tokens', 'Bearer a b'],
    ['a bare token', 'eyJhbGciOiJFZERTQSJ9.e30.sig'],
  ])('refuses %s with a detail naming the Bearer scheme', async (_name, header) => {
    expect401(await me(header), /Bearer/, 'unauthenticated');
  });

  it('refuses a request without credentials and says how to authenticate', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect401(res, /Authorization/, 'unauthenticated');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});

describe('revocation beats every cache', () => {
  it('stops a deactivated user at once', async () => {
    const a = await t.signup();
    for (let i = 0; i < 2; i++) expect((await me(`Bearer ${a.accessToken}`)).statusCode).toBe(200);
    await t.runtime.db.systemQuery(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [a.userId]);
    await t.store.incr(`epoch:user:${a.userId}`);
    expect401(await me(`Bearer ${a.accessToken}`), /deactivated/i);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: a.password } });
    expect(login.statusCode).toBeGreaterThanOrEqual(401);
    expect(login.statusCode).toBeLessThan(404);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: a.refreshToken } });
    expect(refresh.statusCode).toBe(401);
  });

  it('stops every user of a suspended tenant at once', async () => {
    const a = await t.signup();
    expect((await me(`Bearer ${a.accessToken}`)).statusCode).toBe(200);
    // Suspended the way an operator does it: a platform administrator through the admin route.
    const operator = await t.signup();
    await t.runtime.services.platformAdmin.grant(operator.email);
    const suspend = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/tenants/${a.tenantId}/suspend`,
      headers: bearer(operator.accessToken),
    });
    expect(suspend.statusCode).toBe(200);
    // A genuine credential of a tenant that may not use the API: 403, so clients do not sign in again in a loop.
    const refused = await me(`Bearer ${a.accessToken}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'account_disabled', detail: expect.stringMatching(/suspended/i) });
  });

  it('does not let the verification cache outlive a logout', async () => {
    const a = await t.signup();
    for (let i = 0; i < 3; i++) expect((await me(`Bearer ${a.accessToken}`)).statusCode).toBe(200);
    expect(t.runtime.tokens.cacheStats().hits).toBeGreaterThan(0);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(a.accessToken) });
    expect(out.statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect401(await me(`Bearer ${a.accessToken}`), /revoked/, 'token_revoked');
    // The same token through the compat and unversioned prefixes is just as dead.
    for (const url of ['/api/auth/me', '/api/v1/auth/me']) {
      expect((await t.app.inject({ method: 'GET', url, headers: bearer(a.accessToken) })).statusCode).toBe(401);
    }
  });
});
