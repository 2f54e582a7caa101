import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { SigningKeySet, generateSigningKey, jwkThumbprint, publicOnly, signingKeyFromPem } from '../../../src/domain/auth/signing-keys.js';
import { TokenService } from '../../../src/domain/auth/token-service.js';

const ed25519Pem = (): string => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('signing keys', () => {
  it('generates Ed25519 keys whose kid is the RFC 7638 thumbprint', async () => {
    const key = generateSigningKey(new Date('2025-01-01T00:00:00Z'));
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: key.kid });
    expect(key.privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    expect(jwkThumbprint(key.publicJwk)).toBe(key.kid);
  });

  it('survives a JSON round trip, as when stored in the database', async () => {
    const stored = JSON.parse(JSON.stringify(generateSigningKey()));
    const keys = await SigningKeySet.create([stored]);
    const service = new TokenService({ keys, issuer: 'iss', audience: 'aud' });
    const { token } = await service.issueAccess({
      sub: '0193a1b2-0000-7000-8000-000000000001',
      tenant_id: '0193a1b2-0000-7000-8000-0000000000aa',
      role: 'member',
    });
    await expect(service.verify(token, 'access')).resolves.toMatchObject({ sub: '0193a1b2-0000-7000-8000-000000000001' });
  });

  it('reads a PKCS#8 PEM Ed25519 private key', async () => {
    const pem = ed25519Pem();
    const key = signingKeyFromPem(pem);
    expect(signingKeyFromPem(pem).kid).toBe(key.kid);
    const keys = await SigningKeySet.create([key]);
    expect(keys.signing?.kid).toBe(key.kid);
  });

  it('refuses PEMs that are not Ed25519 private keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' });
    const publicPem = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' });
    expect(() => signingKeyFromPem(rsa.toString())).toThrow(/Ed25519/);
    expect(() => signingKeyFromPem(publicPem.toString())).toThrow(TypeError);
    expect(() => signingKeyFromPem('not a pem')).toThrow(/PEM/);
  });

  it('publishes only public members in the JWKS', async () => {
    const keys = await SigningKeySet.create([generateSigningKey(), generateSigningKey(new Date(Date.now() - 1000))]);
    const jwks = keys.jwks();
    expect(jwks.keys).toHaveLength(2);
    for (const jwk of jwks.keys) {
      expect(Object.keys(jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    }
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
  });

  it('signs with the newest key that has a private half', async () => {
    const oldest = generateSigningKey(new Date('2024-01-01T00:00:00Z'));
    const middle = generateSigningKey(new Date('2024-06-01T00:00:00Z'));
    const newestPublic = publicOnly(generateSigningKey(new Date('2025-01-01T00:00:00Z')));
    const keys = await SigningKeySet.create([oldest, newestPublic, middle]);
    expect(keys.signing?.kid).toBe(middle.kid);
    expect(keys.kids).toEqual([newestPublic.kid, middle.kid, oldest.kid]);
    expect(keys.verificationKey(oldest.kid)).toBeDefined();
    expect(keys.verificationKey('nope')).toBeUndefined();
  });

  it('refuses empty, duplicate, mismatched and malformed keys', async () => {
    const a = generateSigningKey();
    const b = generateSigningKey();
    await expect(SigningKeySet.create([])).rejects.toThrow(TypeError);
    await expect(SigningKeySet.create([a, a])).rejects.toThrow(/Duplicate/);
    await expect(SigningKeySet.create([{ ...a, privateJwk: { ...b.privateJwk, kid: a.kid, x: a.publicJwk.x } }])).rejects.toThrow(
      /does not match/,
    );
    await expect(SigningKeySet.create([{ ...a, kid: 'other' }])).rejects.toThrow(/another kid/);
    await expect(SigningKeySet.create([{ ...a, createdAt: 'yesterday' }])).rejects.toThrow(/createdAt/);
    const rsaLike = { ...a, publicJwk: { ...a.publicJwk, kty: 'RSA' } } as unknown as typeof a;
    await expect(SigningKeySet.create([rsaLike])).rejects.toThrow(/Ed25519/);
  });
});
