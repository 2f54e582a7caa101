import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksum } from '../../../src/engine/checksum.js';
import { materializeField } from '../../../src/engine/field.js';
import { createLattice } from '../../../src/engine/lattice.js';
import { AppError } from '../../../src/domain/errors.js';
import type { Principal } from '../../../src/domain/auth/principal.js';
import { LatticeCache } from '../../../src/domain/lattices/lattice-cache.js';
import { LatticeService } from '../../../src/domain/lattices/lattice-service.js';
import { type Account, bearer, createTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A service of its own: a separate cache stands for another process. */
const newService = () =>
  new LatticeService({
    db: t.runtime.db,
    cache: new LatticeCache(64 * 1024 * 1024),
  });

/** The principal the HTTP edge would resolve for this account's token. */
const principalOf = (a: Account): Promise<Principal> => t.runtime.resolver.authenticate({ bearer: a.accessToken });

async function createLatticeFor(a: Account, body: object): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/lattices', headers: bearer(a.accessToken), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

// The stand-in transform: not commutative with other maps, so order and lost updates would show.
const step = (field: Float64Array) => {
  for (let i = 0; i < field.length; i++) field[i] = field[i] * 2 + 1;
};

async function transformOnce(service: LatticeService, p: Principal, id: string): Promise<number> {
  return service.withLatticeLock(p, id, async (tx, row) => {
    const { lattice } = await service.loadForUpdate(tx, row);
    step(lattice.field!);
    return (await service.saveField(tx, p.tenantId, id, lattice.field!, row.version)).version;
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('LatticeService engine access', () => {
  it('materialises the default field on first use and serves it from the cache afterwards', async () => {
    const a = await t.signup();
    const id = await createLatticeFor(a, { shape: [30, 40], obstacles: { density: 0.2, seed: 3 } });
    const service = newService();
    const first = await service.loadEngineLattice(await principalOf(a), id, { withField: true });
    expect(first.fieldVersion).toBe(0);
    expect(first.row.version).toBe(1);
    const expected = materializeField(createLattice({ shape: [30, 40], obstacles: { density: 0.2, seed: 3 } }));
    expect(checksum(first.lattice.field!)).toBe(checksum(expected));
    const second = await service.loadEngineLattice(await principalOf(a), id, { withField: true });
    expect(second.lattice).toBe(first.lattice);
    const bare = await service.loadEngineLattice(await principalOf(a), id);
    expect(bare.lattice.vertexCount).toBe(1200);
  });

  it('saves a transformed field as the next version, readable bit for bit by another process', async () => {
    const a = await t.signup();
    const id = await createLatticeFor(a, { dimensions: 2, size: 50 });
    const p = await principalOf(a);
    const service = newService();
    const before = (await service.loadEngineLattice(p, id, { withField: true })).lattice.field!.slice();
    expect(await transformOnce(service, p, id)).toBe(2);
    // The shared entry of version 1 was not touched by the writer.
    const after = await service.loadEngineLattice(p, id, { withField: true });
    expect(after).toMatchObject({ fieldVersion: 2, row: { version: 2, field_version: 2 } });
    step(before);
    expect(checksum(after.lattice.field!)).toBe(checksum(before));

    const elsewhere = await newService().loadEngineLattice(p, id, { withField: true });
    expect(checksum(elsewhere.lattice.field!)).toBe(checksum(before));
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/lattices/${id}`, headers: bearer(a.accessToken) });
    expect(view.json().version).toBe(2);
  });

  it('serialises concurrent writers: five transforms give version + 5 and the sequential result', async () => {
    const a = await t.signup();
    const id = await createLatticeFor(a, { shape: [64, 64], boundary: 'periodic' });
    const p = await principalOf(a);
    const expected = materializeField(createLattice({ shape: [64, 64], boundary: 'periodic' }));
    for (let k = 0; k < 5; k++) step(expected);
    // Two services stand for two API processes sharing the database.
    const [one, two] = [newService(), newService()];
    const versions = await Promise.all([one, two, one, two, one].map((s) => transformOnce(s, p, id)));
    expect(versions.sort()).toEqual([2, 3, 4, 5, 6]);
    for (const s of [one, two, newService()]) {
      const loaded = await s.loadEngineLattice(p, id, { withField: true });
      expect(loaded.row.version).toBe(6);
      expect(checksum(loaded.lattice.field!)).toBe(checksum(expected));
    }
  });

  it('refuses a save against a stale version with 409', async () => {
    const a = await t.signup();
    const id = await createLatticeFor(a, { dimensions: 1, size: 10 });
    const p = await principalOf(a);
    const service = newService();
    await transformOnce(service, p, id);
    const err = await refusal(
      t.runtime.db.tenantTransaction(p.tenantId, (tx) => service.saveField(tx, p.tenantId, id, new Float64Array(10), 1)),
    );
    expect(err.code).toBe('conflict');
  });

  it("holds a field to the plan's materialisation limit", async () => {
    const a = await t.signup({ plan: 'free' });
    const id = await createLatticeFor(a, { shape: [1000, 1000, 2] });
    const service = newService();
    expect((await service.loadEngineLattice(await principalOf(a), id)).lattice.vertexCount).toBe(2_000_000);
    const err = await refusal(service.loadEngineLattice(await principalOf(a), id, { withField: true }));
    expect(err.code).toBe('plan_limit_exceeded');
    expect(err.extras.fields).toMatchObject({ limit: 'max_materialized_vertices', value: 1_000_000 });
    const tighter = await refusal(
      newService().loadEngineLattice(await principalOf(a), await createLatticeFor(a, { dimensions: 1, size: 100 }), {
        withField: true,
        maxMaterializedVertices: 50,
      }),
    );
    expect(tighter.code).toBe('plan_limit_exceeded');
  });

  it("answers another tenant's lattice with 404 and deletes stored fields with their lattice", async () => {
    const a = await t.signup();
    const b = await t.signup();
    const id = await createLatticeFor(a, { dimensions: 2, size: 8 });
    const service = newService();
    await transformOnce(service, await principalOf(a), id);
    expect((await refusal(service.loadEngineLattice(await principalOf(b), id))).code).toBe('not_found');
    expect((await refusal(service.withLatticeLock(await principalOf(b), id, async () => 1))).code).toBe('not_found');
    // Row-level security hides A's rows from B's transactions even without a tenant filter.
    for (const table of ['lattices', 'lattice_fields']) {
      const seen = await t.runtime.db.tenantQuery<{ n: number }>(b.tenantId, `SELECT count(*)::int AS n FROM ${table}`);
      expect(seen.rows[0].n, table).toBe(0);
    }
    const stored = () =>
      t.runtime.db.systemQuery<{ n: number }>('SELECT count(*)::int AS n FROM lattice_fields WHERE lattice_id = $1', [id]);
    expect((await stored()).rows[0].n).toBe(1);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/lattices/${id}`, headers: bearer(a.accessToken) });
    expect(res.statusCode).toBe(204);
    expect((await stored()).rows[0].n).toBe(0);
  });
});
