import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Opaque secrets: password-reset, email-verification and invitation tokens,
 * and API keys. Only `hashToken(token)` is stored. SHA-256 rather than argon2
 * is enough here because each secret carries 256 random bits: there is no
 * dictionary to slow down, and lookups stay cheap on every API-key request.
 */

const SECRET_BYTES = 32;
// 32 bytes in unpadded base64url.
const SECRET_LENGTH = 43;
const API_KEY_SCHEME = 'clc_';
const API_KEY_PREFIX_LENGTH = 8;
// Lower-case letters and digits only, so the prefix reads aloud, survives
// case-folding UIs and never contains the `_` that separates it from the secret.
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const API_KEY_SHAPE = new RegExp(`^${API_KEY_SCHEME}([a-z0-9]{${API_KEY_PREFIX_LENGTH}})_([A-Za-z0-9_-]{${SECRET_LENGTH}})$`);

/** A fresh single-use token: optional readable prefix (e.g. `rst_`) + 32 random bytes base64url. */
export function newOpaqueToken(prefix = ''): string {
  return prefix + randomBytes(SECRET_BYTES).toString('base64url');
}

/** SHA-256 hex of a token: what the database stores and looks tokens up by. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time equality of two strings of any length. Both sides are hashed
 * first so neither the content nor the length of the secret leaks through timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/** Whether `token` hashes to `storedHash` (from `hashToken`), in constant time. */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface NewApiKey {
  /** Shown to the user once, never stored. */
  key: string;
  /** Stored in clear and indexed: finds the row without scanning hashes. */
  prefix: string;
  /** `hashToken(key)`: the only form of the secret that is stored. */
  hash: string;
}

function randomPrefix(): string {
  let prefix = '';
  for (let i = 0; i < API_KEY_PREFIX_LENGTH; i += 1) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  return prefix;
}

/** A new API key `clc_<8-char prefix>_<43-char secret>`. */
export function newApiKey(): NewApiKey {
  const prefix = randomPrefix();
  const key = `${API_KEY_SCHEME}${prefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, prefix, hash: hashToken(key) };
}

/** Splits a presented key into its lookup prefix and secret, or null when it is not shaped like one of ours. */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  if (typeof key !== 'string') return null;
  const match = API_KEY_SHAPE.exec(key);
  if (match === null) return null;
  return { prefix: match[1], secret: match[2] };
}
