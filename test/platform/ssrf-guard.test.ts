import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../src/platform/outbound-http.js';
import { addressProblem, checkHost, SsrfRefused } from '../../src/platform/ssrf-guard.js';
import { call } from '../support/tenant-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const strict = { allowLoopback: false };
const loose = { allowLoopback: true };

// Every refused range, with an address inside it and the words the reason must contain.
const REFUSED: [string, RegExp][] = [
  ['127.0.0.1', /loopback/],
  ['127.255.0.9', /loopback/],
  ['10.0.0.1', /private \(10\.0\.0\.0\/8\)/],
  ['10.255.255.255', /private/],
  ['172.16.0.1', /private \(172\.16\.0\.0\/12\)/],
  ['172.31.255.254', /private \(172\.16\.0\.0\/12\)/],
  ['192.168.1.1', /private \(192\.168\.0\.0\/16\)/],
  ['100.64.0.1', /carrier-grade NAT/],
  ['100.127.255.254', /carrier-grade NAT/],
  ['169.254.169.254', /link-local/],
  ['224.0.0.1', /multicast/],
  ['239.255.255.250', /multicast/],
  ['0.0.0.0', /unspecified/],
  ['255.255.255.255', /reserved/],
  ['::1', /loopback/],
  ['::', /unspecified/],
  ['fc00::1', /unique local/],
  ['fd12:3456:789a::1', /unique local/],
  ['fe80::1', /link-local/],
  ['ff02::1', /multicast/],
  ['::ffff:127.0.0.1', /loopback.*IPv6 form/],
  ['::ffff:10.0.0.1', /private.*IPv6 form/],
  ['::ffff:a9fe:a9fe', /link-local.*IPv6 form/],
  ['::ffff:192.168.0.1', /private.*IPv6 form/],
  ['64:ff9b::a00:1', /private.*IPv6 form/],
  ['::127.0.0.1', /loopback.*IPv6 form/],
];

const ALLOWED = ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'];

describe('the SSRF guard', () => {
  it.each(REFUSED)('refuses %s', (address, reason) => {
    expect(addressProblem(address, strict)).toMatch(reason);
  });

  it.each(ALLOWED)('allows the public address %s', (address) => {
    expect(addressProblem(address, strict)).toBeNull();
  });

  it('allows loopback (and only loopback) when configured', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(addressProblem(address, loose)).toBeNull();
    for (const [address] of REFUSED.filter(([, r]) => !r.source.startsWith('loopback'))) {
      expect(addressProblem(address, loose), address).not.toBeNull();
    }
  });

  it('resolves names and refuses one that resolves to loopback, naming the address', async () => {
    await expect(checkHost('localhost', strict)).rejects.toThrow(SsrfRefused);
    await expect(checkHost('localhost', strict)).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1), which is loopback/);
    await expect(checkHost('localhost', loose)).resolves.not.toHaveLength(0);
    await expect(checkHost('no-such-host.invalid', strict)).rejects.toThrow(/does not resolve/);
  });

  it('checks again at delivery time, on the address it connects to', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const opts = { timeoutMs: 5000, policy: strict };
      const byName = await postJson(`http://localhost:${port}/x`, {}, '{}', opts);
      expect(byName).toMatchObject({ kind: 'blocked', reason: expect.stringMatching(/loopback/) });
      const byAddress = await postJson(`http://127.0.0.1:${port}/x`, {}, '{}', opts);
      expect(byAddress).toMatchObject({ kind: 'blocked', reason: expect.stringMatching(/loopback/) });
      const mapped = await postJson(`http://[::ffff:127.0.0.1]:${port}/x`, {}, '{}', opts);
      expect(mapped.kind).toBe('blocked');
      const allowed = await postJson(`http://localhost:${port}/x`, {}, '{}', { timeoutMs: 5000, policy: loose });
      expect(allowed).toMatchObject({ kind: 'response', status: 200 });
    } finally {
      server.close();
    }
  });
});

describe('registration without WEBHOOK_ALLOW_LOOPBACK', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const TARGETS: [string, RegExp][] = [
    ['http://127.0.0.1:8080/hook', /loopback/],
    ['http://localhost:8080/hook', /localhost resolves to .*loopback/],
    ['http://[::1]/hook', /loopback/],
    ['http://10.0.0.5/hook', /private/],
    ['http://172.20.1.1/hook', /private/],
    ['http://192.168.0.10/hook', /private/],
    ['http://100.64.1.1/hook', /carrier-grade NAT/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://224.0.0.251/hook', /multicast/],
    ['http://0.0.0.0/hook', /unspecified/],
    ['http://[fd00::1]/hook', /unique local/],
    ['http://[fe80::1]/hook', /link-local/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback/],
    ['http://[::ffff:169.254.169.254]/hook', /link-local/],
    ['http://2130706433/hook', /loopback/],
    ['http://0x7f.1/hook', /loopback/],
  ];

  it.each(TARGETS)('refuses %s with 422 naming the reason', async (url, reason) => {
    const owner = await t.signup();
    const res = await call(t, 'POST', '/webhooks', { token: owner.accessToken }, { url, events: ['*'] });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ location: 'body.url' }] });
    expect(res.json().detail).toMatch(reason);
  });
});
