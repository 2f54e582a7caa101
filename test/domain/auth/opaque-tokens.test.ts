import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  hashToken,
  newApiKey,
  newOpaqueToken,
  parseApiKey,
  tokenMatchesHash,
} from '../../../src/domain/auth/opaque-tokens.js';

describe('opaque tokens', () => {
  it('makes 256-bit base64url tokens with an optional prefix', () => {
    const token = newOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newOpaqueToken('rst_')).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 1000 }, () => newOpaqueToken())).size).toBe(1000);
  });

  it('hashes with SHA-256 hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares in constant time, whatever the lengths', () => {
    expect(constantTimeEqual('secret', 'secret')).toBe(true);
    expect(constantTimeEqual('secret', 'secreT')).toBe(false);
    expect(constantTimeEqual('secret', 'secret-but-longer')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('matches a token against its stored hash', () => {
    const token = newOpaqueToken();
    expect(tokenMatchesHash(token, hashToken(token))).toBe(true);
    expect(tokenMatchesHash(newOpaqueToken(), hashToken(token))).toBe(false);
    expect(tokenMatchesHash(token, 'not-hex')).toBe(false);
    expect(tokenMatchesHash(token, '')).toBe(false);
  });
});

describe('API keys', () => {
  it('round-trips through parseApiKey', () => {
    for (let i = 0; i < 500; i += 1) {
      const { key, prefix, hash } = newApiKey();
      expect(key).toMatch(/^clc_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
      const parsed = parseApiKey(key);
      expect(parsed?.prefix).toBe(prefix);
      expect(`clc_${parsed?.prefix}_${parsed?.secret}`).toBe(key);
      expect(hash).toBe(hashToken(key));
      expect(tokenMatchesHash(key, hash)).toBe(true);
    }
  });

  it('gives distinct prefixes', () => {
    expect(new Set(Array.from({ length: 1000 }, () => newApiKey().prefix)).size).toBe(1000);
  });

  it('returns null for anything not shaped like one of our keys', () => {
    const { key } = newApiKey();
    const bad = ['', 'clc_', key.slice(0, -1), `${key}x`, key.replace('clc_', 'sk_'), key.replace('_', '-'), ` ${key}`, key.toUpperCase()];
    for (const candidate of bad) expect(parseApiKey(candidate)).toBeNull();
    expect(parseApiKey(undefined as unknown as string)).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const parsed = parseApiKey(input);
        return parsed === null || input === `clc_${parsed.prefix}_${parsed.secret}`;
      }),
    );
  });
});
