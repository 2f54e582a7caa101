import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  generateSecret,
  secretKey,
  secretProblem,
  signedHeaders,
  signLegacy,
  signStandard,
  verifyLegacy,
  verifyStandard,
} from '../../../src/domain/webhooks/webhook-signature.js';

const body = JSON.stringify({ id: 'evt_1', type: 'lattice.created', data: { name: 'ü-grid' } });
const id = 'msg_2mWcPnbs4M8G1JCYrUBAsxb9y9M';
const now = () => Math.floor(Date.now() / 1000);

describe('webhook signatures, checked by the standardwebhooks package', () => {
  it('a generated whsec_ secret is base64 of 32 bytes and verifies with new Webhook(secret)', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(secretProblem(secret)).toBeNull();
    const ts = now();
    const headers = signedHeaders([secret], id, ts, body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    // The package signs identically.
    expect(new Webhook(secret).sign(id, new Date(ts * 1000), body)).toBe(signStandard(secret, id, ts, body));
  });

  it('a caller-supplied secret is its raw UTF-8 bytes: the package agrees with format raw', () => {
    for (const secret of ['test_secret', 'a much longer secret with spaces 123!']) {
      const ts = now();
      const headers = signedHeaders([secret], id, ts, body);
      expect(new Webhook(secret, { format: 'raw' }).verify(body, { ...headers })).toEqual(JSON.parse(body));
      // and an old receiver's HMAC of the body with the secret string matches the legacy header
      expect(headers['x-webhook-signature']).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    }
    const unicode = 'pässwörd-geheimnis';
    const headers = signedHeaders([unicode], id, now(), body);
    expect(new Webhook(new TextEncoder().encode(unicode), { format: 'raw' }).verify(body, { ...headers })).toBeTruthy();
  });

  it('during a rotation both signatures are sent and either secret verifies; a third does not', () => {
    const next = generateSecret();
    const previous = 'test_secret_old';
    const headers = signedHeaders([next, previous], id, now(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(next).verify(body, { ...headers })).toBeTruthy();
    expect(new Webhook(previous, { format: 'raw' }).verify(body, { ...headers })).toBeTruthy();
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow(WebhookVerificationError);
    expect(verifyStandard(next, headers, body).ok).toBe(true);
    expect(verifyStandard(previous, headers, body).ok).toBe(true);
  });

  it('our verifier accepts what the package signs and refuses tampering, old timestamps and missing headers', () => {
    const secret = generateSecret();
    const ts = now();
    const headers = {
      'Webhook-Id': id,
      'Webhook-Timestamp': String(ts),
      'Webhook-Signature': new Webhook(secret).sign(id, new Date(ts * 1000), body),
    };
    expect(verifyStandard(secret, headers, body)).toEqual({ ok: true });
    expect(verifyStandard(secret, headers, body + ' ')).toMatchObject({ ok: false, reason: /no signature/ });
    expect(verifyStandard(secret, { ...headers, 'Webhook-Id': 'other' }, body).ok).toBe(false);
    expect(verifyStandard(secret, headers, body, { nowSeconds: ts + 301 })).toMatchObject({ ok: false, reason: /tolerance/ });
    expect(verifyStandard(secret, { 'webhook-id': id }, body)).toMatchObject({ ok: false, reason: /missing/ });
    expect(verifyStandard(secret, { ...headers, 'Webhook-Timestamp': 'soon' }, body).ok).toBe(false);
    expect(verifyLegacy(secret, signLegacy(secret, body), body)).toEqual({ ok: true });
    expect(verifyLegacy(secret, signLegacy(secret, body), `${body}x`).ok).toBe(false);
    expect(verifyLegacy(secret, undefined, body).ok).toBe(false);
  });

  it('refuses secrets of the wrong length and malformed whsec_ secrets', () => {
    expect(secretProblem('short')).toMatch(/8 to 256/);
    expect(secretProblem('x'.repeat(257))).toMatch(/8 to 256/);
    expect(secretProblem('x'.repeat(256))).toBeNull();
    expect(secretProblem('whsec_not*base64!!')).toMatch(/base64/);
    expect(secretProblem('whsec_AAAA')).toMatch(/at least 16 bytes/);
    expect(() => signedHeaders([], id, now(), body)).toThrow();
  });
});
