import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing of webhook deliveries: Standard Webhooks (https://www.standardwebhooks.com)
 * plus the legacy header old receivers check.
 *
 * - `webhook-id`: the delivery's message id, stable across retries;
 * - `webhook-timestamp`: Unix seconds of this attempt;
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one
 *   per active secret, space-separated (during a rotation the new and the old
 *   secret both sign, so a receiver holding either verifies);
 * - `X-Webhook-Signature`: `sha256=<hex HMAC-SHA256 of the body>` (legacy).
 *
 * The HMAC key of a secret:
 * - a `whsec_` secret (generated, or given in that form) is base64 after the
 *   prefix, exactly as Standard Webhooks libraries read it
 *   (`new Webhook("whsec_...")`);
 * - any other caller-supplied secret (8–256 characters, old clients send short
 *   ones such as `test_secret`) is its raw UTF-8 bytes. With the
 *   `standardwebhooks` package a receiver passes it as
 *   `new Webhook(secret, { format: 'raw' })` (that package takes one byte per
 *   character, which is the same for ASCII secrets) or, for any secret,
 *   `new Webhook(new TextEncoder().encode(secret), { format: 'raw' })`.
 *
 * The legacy `X-Webhook-Signature` is keyed with the same bytes, so one secret
 * means one key whichever header a receiver checks.
 */

export const WHSEC_PREFIX = 'whsec_';
const GENERATED_SECRET_BYTES = 32;
export const SECRET_MIN_LENGTH = 8;
export const SECRET_MAX_LENGTH = 256;
/** A `whsec_` secret must decode to at least this many key bytes. */
const WHSEC_MIN_KEY_BYTES = 16;

export const HEADER_ID = 'webhook-id';
export const HEADER_TIMESTAMP = 'webhook-timestamp';
export const HEADER_SIGNATURE = 'webhook-signature';
export const HEADER_LEGACY_SIGNATURE = 'x-webhook-signature';
export const HEADER_LEGACY_EVENT = 'x-webhook-event';

/** Receivers refuse timestamps further than this from their clock (the Standard Webhooks default). */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** `whsec_` + base64 of 32 random bytes. */
export function generateSecret(): string {
  return WHSEC_PREFIX + randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why `secret` cannot be used, or null when it can: length 8–256; a `whsec_`
 * secret must be canonical base64 of at least 16 bytes after the prefix.
 */
export function secretProblem(secret: string): string | null {
  if (secret.length < SECRET_MIN_LENGTH || secret.length > SECRET_MAX_LENGTH) {
    return `must be ${SECRET_MIN_LENGTH} to ${SECRET_MAX_LENGTH} characters`;
  }
  if (secret.startsWith(WHSEC_PREFIX)) {
    const encoded = secret.slice(WHSEC_PREFIX.length);
    if (!BASE64.test(encoded) || Buffer.from(encoded, 'base64').length < WHSEC_MIN_KEY_BYTES) {
      return `a secret starting with ${WHSEC_PREFIX} must be base64 of at least ${WHSEC_MIN_KEY_BYTES} bytes after the prefix`;
    }
  }
  return null;
}

/** The HMAC key bytes of a secret (see the module comment). */
export function secretKey(secret: string): Buffer {
  return secret.startsWith(WHSEC_PREFIX) ? Buffer.from(secret.slice(WHSEC_PREFIX.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for one secret. */
export function signStandard(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** `sha256=<hex HMAC-SHA256 of the body>` for old receivers. */
export function signLegacy(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secretKey(secret)).update(body, 'utf8').digest('hex')}`;
}

export type SignedHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'x-webhook-signature': string;
};

/**
 * The signature headers of one attempt. `secrets` holds the current secret
 * first, then any previous one still inside its rotation overlap; each signs
 * `webhook-signature`; the legacy header uses the current one.
 */
export function signedHeaders(secrets: readonly string[], id: string, timestampSeconds: number, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('a delivery needs at least one secret');
  return {
    [HEADER_ID]: id,
    [HEADER_TIMESTAMP]: String(timestampSeconds),
    [HEADER_SIGNATURE]: secrets.map((secret) => signStandard(secret, id, timestampSeconds, body)).join(' '),
    [HEADER_LEGACY_SIGNATURE]: signLegacy(secrets[0], body),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a Standard Webhooks delivery against one secret: the headers are
 * present, the timestamp is within `toleranceSeconds` of `nowSeconds`, and one
 * of the space-separated `v1,` signatures matches. Header names are matched
 * case-insensitively.
 */
export function verifyStandard(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): VerifyResult {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) lower.set(name.toLowerCase(), Array.isArray(value) ? value.join(' ') : value);
  }
  const id = lower.get(HEADER_ID);
  const timestamp = lower.get(HEADER_TIMESTAMP);
  const signature = lower.get(HEADER_SIGNATURE);
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp is not Unix seconds' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - Number(timestamp)) > tolerance) return { ok: false, reason: 'webhook-timestamp is outside the tolerance' };
  const expected = signStandard(secret, id, Number(timestamp), body);
  const matched = signature.split(' ').some((candidate) => candidate.startsWith('v1,') && safeEqual(candidate, expected));
  return matched ? { ok: true } : { ok: false, reason: 'no signature matches the secret' };
}

/** Verifies the legacy `X-Webhook-Signature: sha256=<hex>` header. */
export function verifyLegacy(secret: string, header: string | undefined, body: string): VerifyResult {
  if (!header) return { ok: false, reason: 'missing X-Webhook-Signature' };
  return safeEqual(header.trim(), signLegacy(secret, body)) ? { ok: true } : { ok: false, reason: 'X-Webhook-Signature does not match' };
}
