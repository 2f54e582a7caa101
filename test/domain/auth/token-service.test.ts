import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT, decodeProtectedHeader, importJWK } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SigningKeySet, generateSigningKey, publicOnly, type SigningKey } from '../../../src/domain/auth/signing-keys.js';
import { TokenError, type TokenErrorReason } from '../../../src/domain/auth/token-errors.js';
import { TokenService, type TokenServiceOptions } from '../../../src/domain/auth/token-service.js';

const ISSUER = 'https://catalytic.test';
const AUDIENCE = 'catalytic-api';
const START_MS = Date.UTC(2025, 0, 1, 12, 0, 0);
// Subjects and tenants are database ids: the service refuses claims that are not UUIDs.
const USER = { sub: '0193a1b2-0000-7000-8000-000000000001', tenant_id: '0193a1b2-0000-7000-8000-0000000000aa', role: 'admin' };

let ownKey: SigningKey;
let keySet: SigningKeySet;

beforeAll(async () => {
  ownKey = generateSigningKey(new Date(START_MS));
  keySet = await SigningKeySet.create([ownKey]);
});

function makeService(overrides: Partial<TokenServiceOptions> = {}): { service: TokenService; clock: { now: number } } {
  const clock = { now: START_MS };
  const service = new TokenService({
    keys: keySet,
    issuer: ISSUER,
    audience: AUDIENCE,
    clock: () => clock.now,
    ...overrides,
  });
  return { service, clock };
}

async function rejection(promise: Promise<unknown>): Promise<TokenError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

async function expectReason(promise: Promise<unknown>, reason: TokenErrorReason): Promise<TokenError> {
  const error = await rejection(promise);
  expect(error.reason).toBe(reason);
  expect(error.detail.length).toBeGreaterThan(0);
  return error;
}

const nowSeconds = Math.floor(START_MS / 1000);
const validClaims = (): Record<string, unknown> => ({
  ...USER,
  type: 'access',
  jti: 'forged-jti',
  iss: ISSUER,
  aud: AUDIENCE,
  iat: nowSeconds,
  nbf: nowSeconds,
  exp: nowSeconds + 900,
});

/** Signs arbitrary claims with the service's own private key, to test claim checks in isolation. */
async function signWithOwnKey(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const privateKey = await importJWK({ ...ownKey.privateJwk! }, 'EdDSA');
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: ownKey.kid, ...header }).sign(privateKey);
}

describe('TokenService issuing', () => {
  it('issues access tokens with every required claim and a pinned header', async () => {
    const { service } = makeService();
    const issued = await service.issueAccess({ ...USER, family: 'fam-1', plan: 'pro' });
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'EdDSA', kid: ownKey.kid, typ: 'JWT' });
    const claims = await service.verify(issued.token, 'access');
    expect(claims).toMatchObject({
      ...USER,
      type: 'access',
      jti: issued.jti,
      iss: ISSUER,
      aud: AUDIENCE,
      fam: 'fam-1',
      plan: 'pro',
    });
    expect(claims.iat).toBe(nowSeconds);
    expect(claims.nbf).toBe(nowSeconds);
    expect(claims.exp).toBe(nowSeconds + 900);
    expect(issued.expiresAt.getTime()).toBe((nowSeconds + 900) * 1000);
    expect(Object.isFrozen(claims)).toBe(true);
  });

  it('issues refresh tokens with the family and the refresh lifetime', async () => {
    const { service } = makeService();
    const issued = await service.issueRefresh({ ...USER, family: 'fam-9' });
    const claims = await service.verify(issued.token, 'refresh');
    expect(claims.type).toBe('refresh');
    expect(claims.fam).toBe('fam-9');
    expect(claims.exp - claims.iat).toBe(604_800);
  });

  it('gives every token its own jti', async () => {
    const { service } = makeService();
    const jtis = new Set(await Promise.all(Array.from({ length: 20 }, async () => (await service.issueAccess(USER)).jti)));
    expect(jtis.size).toBe(20);
  });

  it('refuses reserved claims from the caller and empty identities', async () => {
    const { service } = makeService();
    await expect(service.issueAccess({ ...USER, type: 'refresh' })).rejects.toThrow(TypeError);
    await expect(service.issueAccess({ ...USER, exp: 1 })).rejects.toThrow(TypeError);
    await expect(service.issueAccess({ ...USER, tenant_id: '' })).rejects.toThrow(TypeError);
  });

  it('cannot issue with a verify-only key set', async () => {
    const verifyOnly = await SigningKeySet.create([publicOnly(ownKey)]);
    const { service } = makeService({ keys: verifyOnly });
    await expect(service.issueAccess(USER)).rejects.toThrow(/verify/);
  });
});

describe('TokenService rejects forged and broken tokens', () => {
  it('rejects alg none', async () => {
    const { service } = makeService();
    const token = new UnsecuredJWT(validClaims()).encode();
    await expectReason(service.verify(token, 'access'), 'algorithm_not_allowed');
    const withKid = `${Buffer.from(JSON.stringify({ alg: 'none', kid: ownKey.kid })).toString('base64url')}.${token.split('.')[1]}.`;
    await expectReason(service.verify(withKid, 'access'), 'algorithm_not_allowed');
  });

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const { service } = makeService();
    for (const secret of [Buffer.from(ownKey.publicJwk.x, 'base64url'), Buffer.from(JSON.stringify(ownKey.publicJwk))]) {
      const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'HS256', kid: ownKey.kid }).sign(secret);
      await expectReason(service.verify(token, 'access'), 'algorithm_not_allowed');
    }
  });

  it('rejects RS256 and ES256 tokens signed with foreign keys', async () => {
    const { service } = makeService();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const rs256 = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'RS256', kid: ownKey.kid }).sign(rsa);
    const es256 = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'ES256', kid: ownKey.kid }).sign(ec);
    await expectReason(service.verify(rs256, 'access'), 'algorithm_not_allowed');
    await expectReason(service.verify(es256, 'access'), 'algorithm_not_allowed');
  });

  it('rejects an EdDSA token signed by another key under our kid', async () => {
    const { service } = makeService();
    const foreign = generateKeyPairSync('ed25519').privateKey;
    const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'EdDSA', kid: ownKey.kid }).sign(foreign);
    const error = await expectReason(service.verify(token, 'access'), 'invalid_signature');
    expect(error.detail).toBe('Token has an invalid signature');
  });

  it('rejects a token from an unknown key, and ignores a key embedded in the header', async () => {
    const { service } = makeService();
    const attacker = generateSigningKey();
    const attackerKey = await importJWK({ ...attacker.privateJwk }, 'EdDSA');
    const sign = (header: Record<string, unknown>) =>
      new SignJWT(validClaims()).setProtectedHeader({ alg: 'EdDSA', ...header }).sign(attackerKey);
    await expectReason(service.verify(await sign({ kid: attacker.kid }), 'access'), 'unknown_key');
    await expectReason(service.verify(await sign({}), 'access'), 'unknown_key');
    const embedded = await sign({ kid: ownKey.kid, jwk: attacker.publicJwk });
    await expectReason(service.verify(embedded, 'access'), 'invalid_signature');
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const { service } = makeService();
    const { token } = await service.issueAccess({ ...USER, role: 'viewer' });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'owner' })).toString('base64url');
    await expectReason(service.verify(`${header}.${promoted}.${signature}`, 'access'), 'invalid_signature');
  });

  it('rejects garbage as malformed', async () => {
    const { service } = makeService();
    const garbage = ['', 'abc', 'a.b', 'a.b.c', '...', 'eyJhbGciOiJFZERTQSJ9.%%%.sig', `${'a'.repeat(5000)}.b.c`];
    for (const token of garbage) await expectReason(service.verify(token, 'access'), 'malformed');
    await expectReason(service.verify(42 as unknown as string, 'access'), 'malformed');
    const notJson = `${Buffer.from('{"alg":"EdDSA"').toString('base64url')}.e30.sig`;
    await expectReason(service.verify(notJson, 'access'), 'malformed');
  });

  it('rejects a correctly signed payload that is not a JSON object as malformed', async () => {
    const { service } = makeService();
    const privateKey = await importJWK({ ...ownKey.privateJwk! }, 'EdDSA');
    const { CompactSign } = await import('jose');
    const token = await new CompactSign(new TextEncoder().encode('[1,2,3]'))
      .setProtectedHeader({ alg: 'EdDSA', kid: ownKey.kid })
      .sign(privateKey);
    await expectReason(service.verify(token, 'access'), 'malformed');
  });

  it('rejects tokens missing required claims, naming the claim', async () => {
    const { service } = makeService();
    for (const claim of ['sub', 'tenant_id', 'role', 'type', 'jti', 'exp', 'iat', 'nbf', 'iss', 'aud']) {
      const claims = validClaims();
      delete claims[claim];
      const error = await expectReason(service.verify(await signWithOwnKey(claims), 'access'), 'missing_claims');
      expect(error.detail).toContain(claim);
    }
    const refresh = { ...validClaims(), type: 'refresh' };
    const error = await expectReason(service.verify(await signWithOwnKey(refresh), 'refresh'), 'missing_claims');
    expect(error.detail).toContain('fam');
  });

  it('rejects claims of the wrong shape, issuer or audience', async () => {
    const { service } = makeService();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ tenant_id: 7 }, 'tenant_id'],
      [{ sub: '' }, 'sub'],
      [{ exp: 'never' }, 'exp'],
      [{ iss: 'https://evil.test' }, 'issuer'],
      [{ aud: 'another-api' }, 'audience'],
    ];
    for (const [override, mention] of cases) {
      const error = await expectReason(service.verify(await signWithOwnKey({ ...validClaims(), ...override }), 'access'), 'invalid_claims');
      expect(error.detail).toContain(mention);
    }
  });

  it('rejects the wrong token type in both directions and unknown types', async () => {
    const { service } = makeService();
    const access = await service.issueAccess(USER);
    const refresh = await service.issueRefresh({ ...USER, family: 'f' });
    const a = await expectReason(service.verify(access.token, 'refresh'), 'wrong_type');
    expect(a.detail).toBe('Token is an access token, expected a refresh token');
    const r = await expectReason(service.verify(refresh.token, 'access'), 'wrong_type');
    expect(r.detail).toBe('Token is a refresh token, expected an access token');
    await expectReason(service.verify(await signWithOwnKey({ ...validClaims(), type: 'id' }), 'access'), 'wrong_type');
  });

  it('rejects expired tokens and tokens not valid yet', async () => {
    const { service, clock } = makeService();
    const { token } = await service.issueAccess(USER);
    clock.now = START_MS + 900_000;
    const error = await expectReason(service.verify(token, 'access'), 'expired');
    expect(error.detail).toBe('Token has expired');
    const future = await signWithOwnKey({ ...validClaims(), nbf: nowSeconds + 60 });
    clock.now = START_MS;
    await expectReason(service.verify(future, 'access'), 'not_yet_valid');
  });

  it('honours a configured clock tolerance', async () => {
    const { service, clock } = makeService({ clockToleranceSeconds: 30 });
    const { token } = await service.issueAccess(USER);
    clock.now = START_MS + 920_000;
    await expect(service.verify(token, 'access')).resolves.toMatchObject(USER);
    clock.now = START_MS + 931_000;
    await expectReason(service.verify(token, 'access'), 'expired');
  });
});

describe('TokenService verification cache', () => {
  it('answers a repeated token from the cache without touching the key set', async () => {
    const { service } = makeService();
    const { token } = await service.issueAccess(USER);
    const lookups = vi.spyOn(keySet, 'verificationKey');
    try {
      const first = await service.verify(token, 'access');
      const second = await service.verify(token, 'access');
      expect(second).toBe(first);
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
    expect(service.cacheStats()).toMatchObject({ size: 1, hits: 1, misses: 1, evictions: 0, capacity: 10_000 });
  });

  it('still enforces expiry and type on cached tokens, and drops them at exp', async () => {
    const { service, clock } = makeService();
    const { token } = await service.issueAccess(USER);
    await service.verify(token, 'access');
    await expectReason(service.verify(token, 'refresh'), 'wrong_type');
    clock.now = START_MS + 899_000;
    await expect(service.verify(token, 'access')).resolves.toMatchObject(USER);
    clock.now = START_MS + 900_000;
    await expectReason(service.verify(token, 'access'), 'expired');
    expect(service.cacheStats().size).toBe(0);
    clock.now = START_MS;
    await expect(service.verify(token, 'access')).resolves.toMatchObject(USER);
  });

  it('honours nbf on cached tokens when the clock moves back', async () => {
    const { service, clock } = makeService();
    const { token } = await service.issueAccess(USER);
    await service.verify(token, 'access');
    clock.now = START_MS - 5_000;
    await expectReason(service.verify(token, 'access'), 'not_yet_valid');
  });

  it('never caches a rejected token', async () => {
    const { service } = makeService();
    const foreign = generateKeyPairSync('ed25519').privateKey;
    const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'EdDSA', kid: ownKey.kid }).sign(foreign);
    await expectReason(service.verify(token, 'access'), 'invalid_signature');
    await expectReason(service.verify(token, 'access'), 'invalid_signature');
    expect(service.cacheStats()).toMatchObject({ size: 0, hits: 0, misses: 2 });
  });

  it('evicts the least recently used token when full', async () => {
    const { service } = makeService({ cacheSize: 2 });
    const [a, b, c] = await Promise.all([service.issueAccess(USER), service.issueAccess(USER), service.issueAccess(USER)]);
    await service.verify(a.token, 'access');
    await service.verify(b.token, 'access');
    await service.verify(a.token, 'access');
    await service.verify(c.token, 'access');
    expect(service.cacheStats()).toMatchObject({ size: 2, evictions: 1, hits: 1, misses: 3 });
    await service.verify(a.token, 'access');
    expect(service.cacheStats().hits).toBe(2);
    await service.verify(b.token, 'access');
    expect(service.cacheStats().misses).toBe(4);
  });
});

describe('TokenService key rotation', () => {
  it('signs with the newest key and still verifies tokens of the older one', async () => {
    const { service: before } = makeService();
    const old = await before.issueAccess(USER);
    const newer = generateSigningKey(new Date(START_MS + 1000));
    const rotated = await SigningKeySet.create([publicOnly(ownKey), newer]);
    const { service: after } = makeService({ keys: rotated });
    const fresh = await after.issueAccess(USER);
    expect(decodeProtectedHeader(fresh.token).kid).toBe(newer.kid);
    await expect(after.verify(old.token, 'access')).resolves.toMatchObject(USER);
    await expect(after.verify(fresh.token, 'access')).resolves.toMatchObject(USER);
    expect(after.jwks().keys.map((key) => key.kid)).toEqual([newer.kid, ownKey.kid]);
  });

  it('stops accepting a dropped key at once, cached tokens included', async () => {
    const { service } = makeService();
    const { token } = await service.issueAccess(USER);
    await service.verify(token, 'access');
    service.replaceKeys(await SigningKeySet.create([generateSigningKey()]));
    await expectReason(service.verify(token, 'access'), 'unknown_key');
  });
});
