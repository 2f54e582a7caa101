import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCachedValue, encodeCachedValue } from '../../../src/domain/operations/cached-value-codec.js';
import { type CacheScope, KnowledgeStore } from '../../../src/domain/operations/knowledge-store.js';
import { cacheKey, createLattice } from '../../../src/engine/index.js';
import { type Account, createTestApp, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let owner: Account;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup({ plan: 'enterprise' });
});
afterAll(async () => t?.close());

async function latticeScope(): Promise<Omit<CacheScope, 'operation'>> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/lattices',
    headers: { authorization: `Bearer ${owner.accessToken}` },
    payload: { shape: [4, 4] },
  });
  const { id, version } = res.json();
  const { rows } = await t.runtime.db.systemQuery<{ updated_at: string }>(
    `SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at FROM lattices WHERE id = $1`,
    [id],
  );
  return { tenantId: owner.tenantId, latticeId: id, version, updatedAt: rows[0].updated_at };
}

// As in production, the lattice id is part of every key (OperationService puts it into the field version).
const keyOf = (latticeId: string) => (n: number) =>
  cacheKey({ lattice: createLattice({ shape: [4, 4] }), fieldVersion: latticeId, operation: 'analyze', params: { n } });
const rowsOf = async (latticeId: string) =>
  (
    await t.runtime.db.systemQuery<{ key: string; bytes: string }>('SELECT key, bytes FROM knowledge_cache WHERE lattice_id = $1', [
      latticeId,
    ])
  ).rows;

describe('cached-value codec', () => {
  it('round-trips typed arrays through JSON and one blob, bit for bit', () => {
    const value = { result: { d: Int32Array.from([1, -1, 7]), m: Float64Array.from([NaN, -0, 1e300]), list: [1, 2] }, backend: 'cpu' };
    const encoded = encodeCachedValue(value);
    expect(encoded.blob?.length).toBe(3 * 4 + 3 * 8);
    const back = decodeCachedValue(JSON.parse(encoded.text), encoded.blob) as typeof value;
    expect(back.result.d).toEqual(value.result.d);
    expect(Object.is(back.result.m[1], -0)).toBe(true);
    expect(Number.isNaN(back.result.m[0])).toBe(true);
    expect(back.result.list).toEqual([1, 2]);
  });
});

describe('KnowledgeStore', () => {
  it('serves what it stored, from memory at once and from PostgreSQL for another store', async () => {
    const scope: CacheScope = { ...(await latticeScope()), operation: 'analyze' };
    const key = keyOf(scope.latticeId);
    const store = new KnowledgeStore(t.runtime.db, { maxBytes: 1 << 20 });
    const cache = store.forScope(scope);
    await cache.set(key(1), { result: { answer: 42 } });
    expect(await cache.get(key(1))).toEqual({ result: { answer: 42 } });
    await store.drain();
    const other = new KnowledgeStore(t.runtime.db, { maxBytes: 1 << 20 }).forScope(scope);
    expect(await other.get(key(1))).toEqual({ result: { answer: 42 } });
    expect(await other.get(key(2))).toBeUndefined();
  });

  it('never serves or writes an entry of another version of the lattice', async () => {
    const current = await latticeScope();
    const key = keyOf(current.latticeId);
    const store = new KnowledgeStore(t.runtime.db, { maxBytes: 1 << 20 });
    await store.forScope({ ...current, operation: 'analyze' }).set(key(1), { result: 1 });
    await store.drain();
    // A write computed on an older version lands after the lattice moved on: refused, and it deletes nothing.
    await store.forScope({ ...current, version: current.version - 1, operation: 'analyze' }).set(key(2), { result: 2 });
    await store.drain();
    expect((await rowsOf(current.latticeId)).map((r) => r.key)).toEqual([key(1).entry]);
    const renamed = new KnowledgeStore(t.runtime.db, { maxBytes: 1 << 20 }).forScope({
      ...current,
      updatedAt: '2000-01-01T00:00:00.000Z',
      operation: 'analyze',
    });
    expect(await renamed.get(key(1))).toBeUndefined();
  });

  it('keeps the table within its byte budget, evicting the least recently hit first', async () => {
    const scope: CacheScope = { ...(await latticeScope()), operation: 'analyze' };
    const key = keyOf(scope.latticeId);
    // The budget is global: other tests' rows go first, then this lattice's oldest.
    const maxBytes = 64_000;
    const store = new KnowledgeStore(t.runtime.db, { maxBytes });
    const cache = store.forScope(scope);
    const payload = (n: number) => ({ result: { n, pad: 'x'.repeat(1500) } });
    const write = async (n: number) => {
      await cache.set(key(n), payload(n));
      await store.drain();
    };
    for (let n = 0; n < 30; n++) await write(n);
    // Hit the oldest entry: it is then the most recently used when the budget forces evictions.
    expect(await new KnowledgeStore(t.runtime.db, { maxBytes }).forScope(scope).get(key(0))).toEqual(payload(0));
    for (let n = 30; n < 50; n++) await write(n);
    const rows = await rowsOf(scope.latticeId);
    expect(rows.reduce((sum, r) => sum + Number(r.bytes), 0)).toBeLessThanOrEqual(maxBytes);
    const kept = new Set(rows.map((r) => r.key));
    expect(kept.has(key(0).entry)).toBe(true);
    expect(kept.has(key(1).entry)).toBe(false);
    expect(kept.has(key(49).entry)).toBe(true);
    expect((await store.stats()).evictions).toBeGreaterThan(0);
  });

  it('drops every entry of a lattice on invalidate; a deleted lattice takes its entries with it', async () => {
    const scope: CacheScope = { ...(await latticeScope()), operation: 'analyze' };
    const key = keyOf(scope.latticeId);
    const store = new KnowledgeStore(t.runtime.db, { maxBytes: 1 << 20 });
    await store.forScope(scope).set(key(1), { result: 1 });
    await store.forScope(scope).set(key(2), { result: 2 });
    await store.drain();
    expect(await t.runtime.db.tenantTransaction(owner.tenantId, (tx) => store.invalidate(tx, owner.tenantId, scope.latticeId))).toBe(2);
    await store.forScope(scope).set(key(3), { result: 3 });
    await store.drain();
    expect((await rowsOf(scope.latticeId)).length).toBe(1);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/lattices/${scope.latticeId}`,
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await rowsOf(scope.latticeId)).length).toBe(0);
  });
});
