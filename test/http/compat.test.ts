/** What clients of the old service send and read (issue 10): each behaviour through HTTP, on the defaults and with their settings. */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys } from '../../src/domain/auth/signing-key-store.js';
import { TokenService } from '../../src/domain/auth/token-service.js';
import { expectProblem, json, startTestingApp } from '../support/edge-fixtures.js';
import { bearer, createTestApp, uniqueEmail, type Account, type TestApp } from '../support/test-app.js';

let t: TestApp;
let account: Account;
beforeAll(async () => {
  t = await startTestingApp();
  account = await t.signup();
});
afterAll(() => t?.close());

const me = (authorization: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });

describe('registration with a password containing the name (PASSWORD_REJECT_PERSONAL_INFO)', () => {
  const oldClient = () => ({ email: uniqueEmail('test.user'), password: 'TestPassword123!', name: 'Test User' });

  it('is refused by default with a 422 naming the exact rule that failed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/register', payload: oldClient() });
    const body = expectProblem(res, 422, 'validation_failed');
    expect(body.failed_rules).toEqual(['personal_info.name']);
    expect(body.detail).toBe('Password rejected by rule personal_info.name: Password must not contain your name.');
    expect(body.errors).toEqual([{ location: 'body.password', message: 'Password must not contain your name.' }]);
    const journey = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: uniqueEmail(), password: 'JourneyTest123!', name: 'Journey' },
    });
    expect(expectProblem(journey, 422, 'validation_failed').failed_rules).toEqual(['personal_info.name']);
  });

  it('names every rule a weak password breaks', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: uniqueEmail(), password: 'short' } });
    const body = expectProblem(res, 422, 'validation_failed');
    expect(body.failed_rules).toEqual(['min_length', 'upper_case', 'digit']);
    expect(body.detail).toContain('rules min_length, upper_case, digit');
  });

  it('lets those registrations through when turned off, keeping every other rule', { timeout: 60_000 }, async () => {
    const off = await createTestApp({ env: { PASSWORD_REJECT_PERSONAL_INFO: 'false' } });
    try {
      for (const payload of [oldClient(), { email: uniqueEmail('journey'), password: 'JourneyTest123!', name: 'Journey' }]) {
        const res = await off.app.inject({ method: 'POST', url: '/auth/register', payload });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ email: payload.email, name: payload.name, role: 'owner' });
        const login = await off.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: payload.email, password: payload.password },
        });
        expect(login.statusCode).toBe(200);
      }
      const common = await off.app.inject({
        method: 'POST',
        url: '/auth/register',
        payload: { email: uniqueEmail(), password: 'Password1', name: 'Test User' },
      });
      expect(expectProblem(common, 422, 'validation_failed').failed_rules).toEqual(['not_common']);
    } finally {
      await off.close();
    }
  });
});

describe('401 details old clients read', () => {
  it('says "Invalid email or password" for a bad login, the same for an unknown user', async () => {
    for (const payload of [
      { email: account.email, password: 'Wrong-Password-1' },
      { email: uniqueEmail('ghost'), password: 'Wrong-Password-1' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/auth/login', headers: json, payload });
      expect(expectProblem(res, 401, 'invalid_credentials').detail).toBe('Invalid email or password');
    }
  });

  it('says "Invalid token: …" for a bad signature or algorithm and "Token expired" for an expired token', async () => {
    const [h, p, s] = account.accessToken.split('.');
    const flipped = `${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const badSignature = await me(`Bearer ${h}.${p}.${flipped}`);
    expect(expectProblem(badSignature, 401, 'token_invalid').detail).toBe('Invalid token: Token has an invalid signature');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const none = `${base64url.encode(JSON.stringify({ ...header, alg: 'none' }))}.${p}.`;
    const unsigned = await me(`Bearer ${none}`);
    expect(expectProblem(unsigned, 401, 'token_invalid').detail).toMatch(/^Invalid token: .*algorithm/);
    const garbage = await me('Bearer not.a.token');
    expect(expectProblem(garbage, 401, 'token_invalid').detail).toMatch(/^Invalid token: /);

    const past = new TokenService({
      keys: await loadSigningKeys(t.runtime.db, undefined, t.runtime.secrets),
      issuer: t.runtime.tokens.issuer,
      audience: t.runtime.tokens.audience,
      clock: () => Date.now() - 2 * 3600_000,
    });
    const issued = await past.issueAccess({ sub: account.userId, tenant_id: account.tenantId, role: 'owner' });
    const expired = await me(`Bearer ${issued.token}`);
    const body = expectProblem(expired, 401, 'token_expired');
    expect(body.detail).toBe('Token expired');
    // No more than before: the reason code, nothing of the token's claims.
    expect(JSON.stringify(body)).not.toContain(account.userId);
    const refresh = await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: `${h}.${p}.${flipped}` } });
    expect(expectProblem(refresh, 401).detail).toMatch(/^Invalid token: /);
  });

  it('still works for the real token (control)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(account.accessToken) })).statusCode).toBe(200);
  });
});

describe('CORS for a client that sends no Origin', () => {
  it('gets the first allowed origin with Vary: Origin, also on a 401, and an unknown origin is still never reflected', async () => {
    for (const [url, status] of [
      ['/health/live', 200],
      ['/api/auth/me', 401],
      ['/api/v1/lattices', 401],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      expect(res.headers['access-control-allow-origin'], url).toBe('http://localhost:3000');
      expect(String(res.headers.vary).toLowerCase()).toContain('origin');
    }
    const evil = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { origin: 'https://evil.example.net' } });
    expect(evil.statusCode).toBe(401);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { origin: 'http://localhost:3001' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3001');
  });
});

/** An operation answer without what differs between two runs of the same computation. */
function comparable(answer: Record<string, unknown>) {
  const { operation_id: _id, execution_time_ms: _ms, cached: _cached, ...rest } = answer;
  return rest;
}

const createLatticeAs = async (token: string, payload: Record<string, unknown>) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/lattices', headers: bearer(token), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const createLattice = (payload: Record<string, unknown>) => createLatticeAs(account.accessToken, payload);

describe('compat routes old clients call', () => {
  it('GET /api/tenants lists the caller’s tenant alone, and /pathfind answers as /path; neither is in the OpenAPI document', async () => {
    const other = await t.signup();
    for (const a of [account, other]) {
      const list = await t.app.inject({ method: 'GET', url: '/api/tenants', headers: bearer(a.accessToken) });
      const current = await t.app.inject({ method: 'GET', url: '/api/v1/tenants/current', headers: bearer(a.accessToken) });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json()).toEqual([current.json()]);
      expect(list.json()[0].id).toBe(a.tenantId);
    }
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/tenants' }), 401);

    const { id } = await createLattice({ name: 'pathfinding', shape: [9, 7] });
    const body = { start: [0, 0], end: [8, 6] };
    const pathfind = await t.app.inject({
      method: 'POST',
      url: `/api/lattices/${id}/pathfind`,
      headers: bearer(account.accessToken),
      payload: body,
    });
    const path = await t.app.inject({
      method: 'POST',
      url: `/api/v1/lattices/${id}/path`,
      headers: bearer(account.accessToken),
      payload: body,
    });
    expect(pathfind.statusCode, pathfind.body).toBe(200);
    expect(comparable(pathfind.json())).toEqual(comparable(path.json()));
    expect(pathfind.json().hops).toBe(14);
    const outOfRange = await t.app.inject({
      method: 'POST',
      url: `/api/lattices/${id}/pathfind`,
      headers: bearer(account.accessToken),
      payload: { start: [0, 0], end: [9, 0] },
    });
    expectProblem(outOfRange, 422, 'validation_failed');
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/lattices/${id}/pathfind`,
      headers: bearer(other.accessToken),
      payload: body,
    });
    expectProblem(foreign, 404, 'not_found');

    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths).toContain('/api/v1/lattices/{id}/path');
    expect(paths).toContain('/api/v1/tenants/current');
    expect(paths.filter((p) => p.endsWith('/pathfind') || /^\/api(\/v1)?\/tenants$/.test(p))).toEqual([]);
  });
});

describe('xor with "parameters": {}', () => {
  it('uses the default key derived from the lattice id: applied twice it restores the field, and both count as transforms', async () => {
    const { id } = await createLattice({ name: 'xor default key', shape: [6, 5] });
    const other = await createLattice({ name: 'xor other lattice', shape: [6, 5] });
    const xor = (latticeId: string, parameters: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/lattices/${latticeId}/transform`,
        headers: bearer(account.accessToken),
        payload: { transformation_type: 'xor', parameters },
      });
    const first = await xor(id, {});
    expect(first.statusCode, first.body).toBe(200);
    const summary = first.json().result_summary;
    expect(summary.inverse).toEqual({ key: id });
    expect(first.json().reversible).toBe(true);
    expect(summary.checksum_after).not.toBe(summary.checksum_before);
    // The documented default is the lattice id itself: the same key sent explicitly gives the same field.
    const otherWithKey = await xor(other.id, { key: id });
    expect(otherWithKey.json().result_summary.checksum_after).toBe(summary.checksum_after);
    const otherDefault = await xor(other.id, {});
    expect(otherDefault.json().result_summary.inverse).toEqual({ key: other.id });

    const second = await t.app.inject({
      method: 'POST',
      url: `/api/lattices/${id}/transform`,
      headers: bearer(account.accessToken),
      payload: { transformation_type: 'xor', parameters: {} },
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().result_summary.checksum_after).toBe(summary.checksum_before);
    const withoutParameters = await t.app.inject({
      method: 'POST',
      url: `/api/lattices/${id}/transform`,
      headers: bearer(account.accessToken),
      payload: { transformation_type: 'xor' },
    });
    expect(withoutParameters.statusCode, withoutParameters.body).toBe(200);

    const transforms = await t.app.inject({
      method: 'GET',
      url: `/api/lattices/${id}/transformations`,
      headers: bearer(account.accessToken),
    });
    expect(transforms.statusCode).toBe(200);
    expect(transforms.json().operations.map((o: { id: string }) => o.id)).toEqual([
      withoutParameters.json().operation_id,
      second.json().operation_id,
      first.json().operation_id,
    ]);
    expect(transforms.headers['x-total-count']).toBe('3');
  });
});

interface RawPost {
  /** Everything the server sent, as text. */
  response: string;
  /** Body bytes the client managed to hand to the socket before it finished or broke. */
  written: number;
  /** When the first response byte and the end of writing came, in ms since the start. */
  firstByteMs: number | null;
  wroteAllMs: number | null;
  error: string | null;
}

/**
 * Sends `total` bytes of body with a raw socket, as fast as the server reads them, and records what
 * comes back; `chunked` sends it without Content-Length, in chunks of the chunked transfer coding.
 */
function rawPost(port: number, total: number, chunked = false): Promise<RawPost> {
  return new Promise((resolve) => {
    const started = Date.now();
    const out: RawPost = { response: '', written: 0, firstByteMs: null, wroteAllMs: null, error: null };
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const writeMore = () => {
      while (out.written < total) {
        const data = chunk.subarray(0, Math.min(chunk.length, total - out.written));
        out.written += data.length;
        const last = out.written === total;
        const framed = chunked ? `${data.length.toString(16)}\r\n${data.toString('latin1')}\r\n${last ? '0\r\n\r\n' : ''}` : data;
        if (last) {
          socket.write(framed, (err) => {
            if (!err) out.wroteAllMs = Date.now() - started;
          });
          return;
        }
        if (!socket.write(framed)) return void socket.once('drain', writeMore);
      }
    };
    socket.on('connect', () => {
      socket.write(
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`}\r\n\r\n`,
      );
      writeMore();
    });
    socket.on('data', (data) => {
      out.firstByteMs ??= Date.now() - started;
      out.response += data.toString('latin1');
    });
    socket.on('error', (err) => (out.error = (err as NodeJS.ErrnoException).code ?? err.message));
    socket.on('close', () => resolve(out));
  });
}

/** The port the app listens on, on loopback; it starts listening on first use. */
async function portOf(app: TestApp['app']): Promise<number> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

describe('413 for a client still sending its body', () => {
  const ELEVEN_MB = 11 * 1024 * 1024;
  const statusLine = (r: RawPost) => r.response.split('\r\n')[0];

  it(
    'is answered as soon as Content-Length is known, and the body is read to its end before the connection closes',
    { timeout: 120_000 },
    async () => {
      const res = await rawPost(await portOf(t.app), ELEVEN_MB);
      expect(res.error).toBeNull();
      expect(statusLine(res)).toMatch(/^HTTP\/1\.1 413 /);
      expect(res.response.toLowerCase()).toContain('connection: close');
      const body = JSON.parse(res.response.slice(res.response.indexOf('\r\n\r\n') + 4));
      expect(body).toMatchObject({ status: 413, code: 'payload_too_large', limit_bytes: 1_048_576 });
      // Every byte went out, and the answer was there before the last of them.
      expect(res.written).toBe(ELEVEN_MB);
      expect(res.wroteAllMs).not.toBeNull();
      expect(res.firstByteMs).not.toBeNull();
      expect(res.firstByteMs!).toBeLessThanOrEqual(res.wroteAllMs!);
    },
  );

  it('is also read to its end when it comes chunked, without a length, and passes the limit on the way', { timeout: 120_000 }, async () => {
    const res = await rawPost(await portOf(t.app), ELEVEN_MB, true);
    expect(res.error).toBeNull();
    expect(statusLine(res)).toMatch(/^HTTP\/1\.1 413 /);
    expect(res.response).toContain('"code":"payload_too_large"');
    expect(res.wroteAllMs).not.toBeNull();
  });

  it('stops reading past BODY_DRAIN_LIMIT_BYTES: the client has its 413, then the connection is cut', { timeout: 120_000 }, async () => {
    const capped = await createTestApp({ env: { BODY_DRAIN_LIMIT_BYTES: String(512 * 1024) } });
    try {
      const res = await rawPost(await portOf(capped.app), ELEVEN_MB);
      expect(statusLine(res)).toMatch(/^HTTP\/1\.1 413 /);
      expect(res.wroteAllMs).toBeNull();
    } finally {
      await capped.close();
    }
  });
});

describe('lattice create with description and allow_cpu_fallback', () => {
  it('stores and returns description like name; other unknown fields are still refused', async () => {
    const owner = await t.signup();
    const createLattice = (payload: Record<string, unknown>) => createLatticeAs(owner.accessToken, payload);
    const description = 'Heat runs for the quarterly report — ünïcode ✓';
    const created = await createLattice({ name: 'described', dimensions: 2, size: 8, description });
    expect(created).toMatchObject({ name: 'described', description, allow_cpu_fallback: true });
    const read = await t.app.inject({ method: 'GET', url: `/api/lattices/${created.id}`, headers: bearer(owner.accessToken) });
    expect(read.json()).toMatchObject({ description, allow_cpu_fallback: true });
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/lattices?name=described', headers: bearer(owner.accessToken) });
    expect(listed.json().map((l: { description: string }) => l.description)).toEqual([description]);
    const longest = await createLattice({ dimensions: 1, size: 4, description: 'x'.repeat(1000) });
    expect(longest.description).toHaveLength(1000);
    expect((await createLattice({ dimensions: 1, size: 4 })).description).toBeNull();

    for (const [payload, location] of [
      [{ dimensions: 1, size: 4, description: 'x'.repeat(1001) }, 'body.description'],
      [{ dimensions: 1, size: 4, description: 'nul \u0000 inside' }, 'body.description'],
      [{ dimensions: 1, size: 4, description: 'lone \ud800 surrogate' }, 'body.description'],
      [{ dimensions: 1, size: 4, allow_cpu_fallback: 'sometimes' }, 'body.allow_cpu_fallback'],
      [{ dimensions: 1, size: 4, colour: 'red' }, 'body.colour'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/lattices', headers: bearer(owner.accessToken), payload });
      const body = expectProblem(res, 422, 'validation_failed');
      expect(
        (body.errors as { location: string }[]).map((e) => e.location),
        res.body,
      ).toContain(location);
    }
  });

  it('allow_cpu_fallback: false makes GPU-requiring operations answer 409 with the reason where no GPU can be used', async () => {
    // A free plan: no GPU, whatever the machine has.
    const free = await t.signup();
    const createLattice = (payload: Record<string, unknown>) => createLatticeAs(free.accessToken, payload);
    const strict = await createLattice({ name: 'gpu only', dimensions: 2, size: 16, enable_gpu: true, allow_cpu_fallback: false });
    expect(strict).toMatchObject({ enable_gpu: true, allow_cpu_fallback: false });
    const run = (id: string, op: string, payload: Record<string, unknown>, token = free.accessToken) =>
      t.app.inject({ method: 'POST', url: `/api/lattices/${id}/${op}`, headers: bearer(token), payload });

    // enable_gpu stands for use_gpu where the request does not say.
    const implied = await run(strict.id, 'diffusion', { steps: 2 });
    const body = expectProblem(implied, 409, 'conflict');
    expect(body.reason).toBe("the 'free' plan does not include GPU use");
    expect(body.detail).toContain('allow_cpu_fallback');
    expectProblem(await run(strict.id, 'transform', { transformation_type: 'xor', parameters: {}, use_gpu: true }), 409, 'conflict');
    const got = await t.app.inject({ method: 'GET', url: `/api/lattices/${strict.id}`, headers: bearer(free.accessToken) });
    expect(got.json().version).toBe(1);
    const history = await t.app.inject({ method: 'GET', url: `/api/lattices/${strict.id}/operations`, headers: bearer(free.accessToken) });
    expect(history.json().operations).toEqual([]);
    // A request that asks for the CPU runs on it.
    const cpu = await run(strict.id, 'diffusion', { steps: 2, use_gpu: false });
    expect(cpu.statusCode, cpu.body).toBe(200);
    expect(cpu.json().gpu_used).toBe(false);

    // With the default (true) the same request falls back to the CPU and says why, as before.
    const lenient = await createLattice({ name: 'gpu preferred', dimensions: 2, size: 16, enable_gpu: true });
    const fallback = await run(lenient.id, 'diffusion', { steps: 2, use_gpu: true });
    expect(fallback.statusCode, fallback.body).toBe(200);
    expect(fallback.json()).toMatchObject({ gpu_used: false, fallback_reason: expect.stringContaining('plan') });

    // On a plan with GPU use, the machine decides: 409 naming why there is no GPU, or a run on it.
    const pro = await t.signup({ plan: 'pro' });
    const proStrict = await createLatticeAs(pro.accessToken, { name: 'pro gpu only', dimensions: 2, size: 16, allow_cpu_fallback: false });
    const status = (await t.app.inject({ method: 'GET', url: '/api/gpu/status', headers: bearer(pro.accessToken) })).json();
    const onPro = await run(proStrict.id, 'diffusion', { steps: 2, use_gpu: true }, pro.accessToken);
    if (status.available) {
      expect(onPro.statusCode, onPro.body).toBe(200);
      expect(onPro.json()).toMatchObject({ gpu_used: true, backend: 'gpu' });
    } else {
      expect(expectProblem(onPro, 409, 'conflict').reason).toBeTruthy();
    }
    // An operation without a GPU kernel cannot satisfy the requirement on any machine.
    const noKernel = expectProblem(
      await run(proStrict.id, 'path', { start: [0, 0], end: [3, 3], use_gpu: true }, pro.accessToken),
      409,
      'conflict',
    );
    expect(noKernel.reason).toBe('path has no GPU kernel');
  });
});
