import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../src/domain/auth/password-hasher.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { type Account, createTestApp, STRONG_PASSWORD, type TestApp, uniqueEmail } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function send(app: TestApp, method: Method, url: string, token: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const full = url.startsWith('/api') ? url : `/api/v1${url}`;
  return app.app.inject({
    method,
    url: full,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const create = (a: Pick<Account, 'accessToken'>, body: unknown) => send(t, 'POST', '/lattices', a.accessToken, body);

/** A user of `owner`'s tenant with `role`, inserted directly (invitations are another area's routes). */
async function userWithRole(owner: Account, role: 'viewer' | 'member'): Promise<{ accessToken: string }> {
  const email = uniqueEmail(role);
  const hash = await new PasswordHasher({ memoryCost: 1024, timeCost: 1 }).hash(STRONG_PASSWORD);
  await t.runtime.db.systemQuery(
    `INSERT INTO users (id, tenant_id, email, name, role, password_hash, status) VALUES ($1, $2, $3, $4, $5, $6, 'active')`,
    [uuidv7(), owner.tenantId, email, role, role, hash],
  );
  return t.login(email, STRONG_PASSWORD);
}

async function auditActions(tenantId: string, latticeId: string): Promise<string[]> {
  const { rows } = await t.runtime.db.systemQuery<{ action: string }>(
    'SELECT action FROM audit_logs WHERE tenant_id = $1 AND target_id = $2 ORDER BY created_at, id',
    [tenantId, latticeId],
  );
  return rows.map((r) => r.action);
}

describe('lattice CRUD', () => {
  it('creates, reads, renames and deletes a lattice, auditing each change', async () => {
    const a = await t.signup();
    const created = await create(a, { name: 'Heat sink 3D', dimensions: 3, size: 10, metadata: { project: 'cooling' } });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      tenant_id: a.tenantId,
      name: 'Heat sink 3D',
      dimensions: 3,
      size: 10,
      shape: [10, 10, 10],
      boundary: 'open',
      vertices: 1000,
      edges: 2700,
      obstacles: null,
      metadata: { project: 'cooling' },
      version: 1,
    });
    // (V+1)·8 offsets + 2E·4 column indices, against 16 bytes per dimension held implicitly.
    expect(body.memory).toEqual({
      implicit_bytes: 48,
      explicit_csr_bytes: 1001 * 8 + 2 * 2700 * 4,
      reduction_factor: (1001 * 8 + 2 * 2700 * 4) / 48,
    });
    expect(created.headers.location).toBe(`/api/v1/lattices/${body.id}`);

    const read = await send(t, 'GET', `/lattices/${body.id}`, a.accessToken);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);

    const patched = await send(t, 'PATCH', `/lattices/${body.id}`, a.accessToken, {
      name: '  Heat sink (v2)  ',
      metadata: { reviewed: true },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Heat sink (v2)', metadata: { reviewed: true }, version: 1, created_at: body.created_at });
    expect(Date.parse(patched.json().updated_at)).toBeGreaterThanOrEqual(Date.parse(body.updated_at));

    const deleted = await send(t, 'DELETE', `/lattices/${body.id}`, a.accessToken);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await send(t, 'GET', `/lattices/${body.id}`, a.accessToken);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.json()).toMatchObject({ code: 'not_found', detail: 'Lattice not found' });
    expect(await auditActions(a.tenantId, body.id)).toEqual(['lattice.created', 'lattice.updated', 'lattice.deleted']);
  });

  it("accepts shape and old clients' list of sides as dimensions, on /api too, and echoes their extra fields", async () => {
    const a = await t.signup();
    const legacy = await send(t, 'POST', '/api/lattices', a.accessToken, {
      dimensions: [10, 20, 30],
      field_type: 'real',
      geometry: 'euclidean',
      enable_gpu: true,
    });
    expect(legacy.statusCode, legacy.body).toBe(201);
    expect(legacy.json()).toMatchObject({
      dimensions: 3,
      size: null,
      shape: [10, 20, 30],
      vertices: 6000,
      field_type: 'real',
      geometry: 'euclidean',
      enable_gpu: true,
    });
    expect(legacy.json().name).toBe('3D lattice 10x20x30');

    const oneSide = await create(a, { dimensions: [5] });
    expect(oneSide.statusCode, oneSide.body).toBe(201);
    expect(oneSide.json()).toMatchObject({ dimensions: 1, size: 5, shape: [5], vertices: 5, edges: 4 });

    const shaped = await create(a, { shape: [4, 4], boundary: 'periodic', obstacles: { density: 0.25, seed: 9 } });
    expect(shaped.statusCode, shaped.body).toBe(201);
    expect(shaped.json()).toMatchObject({ size: 4, boundary: 'periodic', edges: 32, obstacles: { density: 0.25, seed: 9 } });
    expect(shaped.json()).not.toHaveProperty('field_type');

    const listed = await create(a, {
      shape: [3, 3],
      obstacles: [
        [0, 1],
        [2, 2],
      ],
    });
    expect(listed.statusCode, listed.body).toBe(201);
    expect(listed.json().obstacles).toEqual({
      coordinates: [
        [0, 1],
        [2, 2],
      ],
    });
    const again = await send(t, 'GET', `/api/lattices/${listed.json().id}`, a.accessToken);
    expect(again.json()).toEqual(listed.json());
  });

  it('creates a 1500^4 lattice on the enterprise plan at once, with exact counts', async () => {
    const a = await t.signup({ plan: 'enterprise' });
    const started = performance.now();
    const res = await create(a, { dimensions: 4, size: 1500 });
    const elapsed = performance.now() - started;
    expect(res.statusCode, res.body).toBe(201);
    const V = 1500 ** 4;
    const E = 4 * 1500 ** 3 * 1499;
    expect(res.json()).toMatchObject({
      vertices: V,
      edges: E,
      memory: { implicit_bytes: 64, explicit_csr_bytes: (V + 1) * 8 + 2 * E * 8 },
    });
    expect(res.body).toContain('"vertices":5062500000000');
    expect(elapsed).toBeLessThan(500);
  });

  it('refuses a lattice of more than 2^53 − 1 vertices with 422', async () => {
    const a = await t.signup({ plan: 'enterprise' });
    const cubic = await create(a, { dimensions: 10, size: 100_000 });
    expect(cubic.statusCode).toBe(422);
    expect(cubic.json().code).toBe('validation_failed');
    expect(cubic.json().detail).toContain('2^53');
    expect(cubic.json().errors).toEqual([{ location: 'body.size', message: expect.stringContaining('vertices') }]);
    const shaped = await create(a, { shape: [2 ** 27, 2 ** 27] });
    expect(shaped.statusCode).toBe(422);
    expect(shaped.json().errors[0].location).toBe('body.shape');
  });

  it.each([
    ['a name with a slash', { dimensions: 2, size: 3, name: 'bad/name' }, 'body.name'],
    ['a blank name', { dimensions: 2, size: 3, name: '   ' }, 'body.name'],
    ['metadata over 16 KB', { dimensions: 2, size: 3, metadata: { blob: 'x'.repeat(16_400) } }, 'body.metadata'],
    [
      'an obstacle outside the shape',
      {
        shape: [5, 5],
        obstacles: [
          [0, 0],
          [5, 0],
        ],
      },
      'body.obstacles.1.0',
    ],
    ['an obstacle of the wrong length', { shape: [5, 5], obstacles: { coordinates: [[1, 2, 3]] } }, 'body.obstacles.coordinates.0'],
    ['an obstacle density of 1', { dimensions: 2, size: 3, obstacles: { density: 1, seed: 1 } }, 'body.obstacles'],
    ['dimensions without size', { dimensions: 2 }, 'body.size'],
    ['dimensions that contradict shape', { dimensions: 3, shape: [4, 4] }, 'body.dimensions'],
    ['a list of sides that contradicts shape', { dimensions: [4, 4], shape: [4, 5] }, 'body.dimensions'],
    ['a list of sides with a side of 1', { dimensions: [4, 1] }, 'body.dimensions'],
    ['dimensions as text', { dimensions: 'three', size: 3 }, 'body.dimensions'],
    ['a side of 1', { shape: [1, 4] }, 'body.shape.0'],
    ['11 dimensions', { dimensions: 11, size: 2 }, 'body.dimensions'],
    ['an unknown field', { dimensions: 2, size: 3, colour: 'red' }, 'body.colour'],
  ])('refuses %s with 422 and the field problem', async (_what, payload, location) => {
    const a = await t.signup();
    const res = await create(a, payload);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
  });

  it('accepts names in any script with the allowed punctuation', async () => {
    const a = await t.signup();
    const res = await create(a, { dimensions: 2, size: 3, name: 'Zürich 東京 (v2) #1: a_b-c.d,e+f' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('Zürich 東京 (v2) #1: a_b-c.d,e+f');
  });

  it('refuses an invalid PATCH with 422', async () => {
    const a = await t.signup();
    const { id } = (await create(a, { dimensions: 2, size: 3 })).json();
    expect((await send(t, 'PATCH', `/lattices/${id}`, a.accessToken, {})).statusCode).toBe(422);
    const bad = await send(t, 'PATCH', `/lattices/${id}`, a.accessToken, { name: 'no<html>' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].location).toBe('body.name');
    expect((await send(t, 'PATCH', `/lattices/${id}`, a.accessToken, { shape: [3, 3] })).statusCode).toBe(422);
  });
});

describe('plan limits', () => {
  it('lets a free tenant own 5 lattices and refuses the 6th, counting only live ones', async () => {
    const a = await t.signup({ plan: 'free' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await create(a, { dimensions: 2, size: 10 });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const sixth = await create(a, { dimensions: 2, size: 10 });
    expect(sixth.statusCode).toBe(403);
    expect(sixth.json()).toMatchObject({ code: 'plan_limit_exceeded', limit: 'max_lattices', value: 5 });
    expect(sixth.json().detail).toBe("Plan 'free' allows at most 5 lattices");

    const other = await t.signup({ plan: 'free' });
    expect((await create(other, { dimensions: 2, size: 10 })).statusCode).toBe(201);

    expect((await send(t, 'DELETE', `/lattices/${ids[0]}`, a.accessToken)).statusCode).toBe(204);
    expect((await create(a, { dimensions: 2, size: 10 })).statusCode).toBe(201);
  });

  it('holds the lattice limit under concurrent creation', async () => {
    const a = await t.signup({ plan: 'free' });
    const results = await Promise.all(Array.from({ length: 10 }, () => create(a, { dimensions: 1, size: 2 })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 403, 403, 403, 403, 403]);
    // A refused create's row and audit entry, written before the plan was judged, rolled back with it.
    const created = results.filter((r) => r.statusCode === 201).map((r) => r.json().id as string);
    const listed = await send(t, 'GET', '/lattices', a.accessToken);
    expect(
      listed
        .json()
        .map((l: { id: string }) => l.id)
        .sort(),
    ).toEqual([...created].sort());
    expect(listed.headers['x-total-count']).toBe('5');
    const audit = await send(t, 'GET', '/audit-logs?action=lattice.created&limit=100', a.accessToken);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(
      audit
        .json()
        .map((e: { target_id: string }) => e.target_id)
        .sort(),
    ).toEqual([...created].sort());
  });

  it('refuses dimensions and sides past the plan with 403 naming the limit', async () => {
    const a = await t.signup({ plan: 'free' });
    const dims = await create(a, { dimensions: 5, size: 2 });
    expect(dims.statusCode).toBe(403);
    expect(dims.json()).toMatchObject({
      code: 'plan_limit_exceeded',
      limit: 'max_dimensions',
      value: 4,
      detail: "Plan 'free' allows at most 4 dimensions",
    });
    const side = await create(a, { shape: [1001, 2] });
    expect(side.statusCode).toBe(403);
    expect(side.json()).toMatchObject({ code: 'plan_limit_exceeded', limit: 'max_size', value: 1000 });
    expect((await create(a, { shape: [1000, 2] })).statusCode).toBe(201);
    const audit = await send(t, 'GET', '/audit-logs?action=lattice.created', a.accessToken);
    expect(audit.json()).toHaveLength(1);
    expect((await send(t, 'GET', '/lattices', a.accessToken)).json()).toHaveLength(1);
  });
});

describe('roles and tenants', () => {
  it('lets a viewer read but not create, change or delete', async () => {
    const owner = await t.signup();
    const { id } = (await create(owner, { dimensions: 2, size: 3 })).json();
    const viewer = await userWithRole(owner, 'viewer');
    expect((await send(t, 'GET', '/lattices', viewer.accessToken)).statusCode).toBe(200);
    expect((await send(t, 'GET', `/lattices/${id}`, viewer.accessToken)).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['POST', '/lattices', { dimensions: 2, size: 3 }],
      ['PATCH', `/lattices/${id}`, { name: 'x' }],
      ['DELETE', `/lattices/${id}`, undefined],
    ] as const) {
      const res = await send(t, method, url, viewer.accessToken, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const member = await userWithRole(owner, 'member');
    expect((await send(t, 'PATCH', `/lattices/${id}`, member.accessToken, { name: 'by member' })).statusCode).toBe(200);
  });

  it("answers another tenant's lattice with 404 and never lists it", async () => {
    const a = await t.signup();
    const b = await t.signup();
    const { id } = (await create(a, { dimensions: 2, size: 3, name: 'secret' })).json();
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'stolen' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await send(t, method, `/lattices/${id}`, b.accessToken, payload);
      expect(res.statusCode, method).toBe(404);
      expect(res.json().detail).toBe('Lattice not found');
    }
    const list = await send(t, 'GET', '/lattices', b.accessToken);
    expect(list.json()).toEqual([]);
    expect(list.headers['x-total-count']).toBe('0');
    expect((await send(t, 'GET', `/lattices/${id}`, a.accessToken)).json().name).toBe('secret');
  });

  it('answers a malformed id with 422 and an unknown one with 404', async () => {
    const a = await t.signup();
    expect((await send(t, 'GET', '/lattices/not-a-uuid', a.accessToken)).statusCode).toBe(422);
    expect((await send(t, 'GET', `/lattices/${uuidv7()}`, a.accessToken)).statusCode).toBe(404);
  });

  it('requires credentials', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/lattices' });
    expect(res.statusCode).toBe(401);
  });
});

describe('listing', () => {
  it('pages newest first with Link and X-Total-Count, and filters by name', async () => {
    const a = await t.signup({ plan: 'pro' });
    const names = ['Alpha one', 'beta', 'ALPHA two', 'gamma', 'a_b', 'delta', 'axb'];
    const ids: string[] = [];
    for (const name of names) ids.push((await create(a, { name, dimensions: 2, size: 4 })).json().id);
    const newestFirst = [...ids].reverse();

    const seen: string[] = [];
    let url: string | null = '/api/v1/lattices?limit=3';
    let pages = 0;
    while (url) {
      const res = await send(t, 'GET', url, a.accessToken);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['x-total-count']).toBe('7');
      seen.push(...res.json().map((l: { id: string }) => l.id));
      const link = res.headers.link as string | undefined;
      const next = link ? new URL(/<([^>]+)>; rel="next"/.exec(link)![1]) : null;
      url = next ? next.pathname + next.search : null;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);

    const alpha = await send(t, 'GET', '/lattices?name=alpha', a.accessToken);
    expect(alpha.json().map((l: { name: string }) => l.name)).toEqual(['ALPHA two', 'Alpha one']);
    expect(alpha.headers['x-total-count']).toBe('2');
    // `_` is a literal character in the filter, not LIKE's any-character wildcard.
    const underscore = await send(t, 'GET', '/lattices?name=_b', a.accessToken);
    expect(underscore.json().map((l: { name: string }) => l.name)).toEqual(['a_b']);
    expect((await send(t, 'GET', '/lattices?limit=0', a.accessToken)).statusCode).toBe(422);
    expect((await send(t, 'GET', '/lattices?cursor=bogus', a.accessToken)).statusCode).toBe(422);
  });
});

describe('more than one node', () => {
  it('serves lattices from a second app on the same database, and after the first one stops', async () => {
    const a = await t.signup();
    const { id } = (await create(a, { dimensions: 2, size: 5, name: 'shared' })).json();

    const second = await createTestApp({ databaseUrl: t.databaseUrl });
    const res = await send(second, 'GET', `/lattices/${id}`, a.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('shared');
    const made = await send(second, 'POST', '/lattices', a.accessToken, { dimensions: 3, size: 2, name: 'from node two' });
    expect(made.statusCode).toBe(201);
    // Closing an app on a borrowed database leaves the database in place.
    await second.close();

    // A process started afterwards reads what the stopped one wrote.
    const third = await createTestApp({ databaseUrl: t.databaseUrl });
    try {
      const again = await send(third, 'GET', `/lattices/${made.json().id}`, a.accessToken);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(made.json());
    } finally {
      await third.close();
    }
  });
});
