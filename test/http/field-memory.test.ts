/**
 * Large distance fields are accounted against the operation memory budget
 * until their response has gone, sent without a copy, and released: RSS stays
 * bounded over many large fields, and nothing stays reserved afterwards.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Account, type TestApp } from '../support/test-app.js';
import { createLattice } from './operation-fixtures.js';

// A full collection, so that RSS shows what is still held rather than garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * RSS once freeing has caught up: V8 releases the backing stores of collected
 * ArrayBuffers on a background sweeper thread, which lags behind gc() on a busy
 * machine, so one reading right after gc() can still count freed fields.
 */
async function settledRss(): Promise<number> {
  // Until the lowest reading has not improved for a second (at most 6 s): the sweeper's lag grows with the machine's load.
  let lowest = Infinity;
  let sinceLower = 0;
  for (let i = 0; i < 30 && sinceLower < 5; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rss = process.memoryUsage().rss;
    if (rss < lowest - 2 ** 20) sinceLower = 0;
    else sinceLower++;
    lowest = Math.min(lowest, rss);
  }
  return lowest;
}

const SIDE = 2000;
const FIELD_BYTES = 4 * SIDE * SIDE; // 16 MB

describe('repeated large distance fields', () => {
  let t: TestApp;
  let owner: Account;
  let lattice: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { OPERATION_MEMORY_BUDGET_BYTES: String(256 * 2 ** 20), SYNC_MAX_WORK: '1e12' } });
    owner = await t.signup({ plan: 'enterprise' });
    lattice = await createLattice(t, owner.accessToken, { name: 'large', shape: [SIDE, SIDE] });
  }, 60_000);
  afterAll(() => t?.close());

  const field = (source: number[]) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/lattices/${lattice}/distances`,
      headers: { authorization: `Bearer ${owner.accessToken}`, accept: 'application/octet-stream' },
      payload: { sources: [source] },
    });

  it('keep RSS bounded and release every reservation', async () => {
    // Fresh sources on every run of the suite: cached fields would not exercise the engine.
    let source = Math.floor(Math.random() * SIDE * SIDE);
    const next = async () => {
      const mine = source++;
      const res = await field([mine % SIDE, Math.floor(mine / SIDE) % SIDE]);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.rawPayload.byteLength).toBe(FIELD_BYTES);
      expect(res.headers['x-cached']).toBe('false');
    };
    for (let i = 0; i < 3; i++) await next();
    const before = await settledRss();
    // 24 more fields (384 MB of answers), four at a time. The first two rounds also warm the process up:
    // the pool threads' heaps and the allocator's arenas grow once and keep their pages, whatever the
    // requests hold. Holding answers shows as growth that goes on with every further round.
    const rounds: number[] = [];
    let warm = 0;
    for (let round = 0; round < 6; round++) {
      await Promise.all([next(), next(), next(), next()]);
      gc();
      rounds.push(Math.round(process.memoryUsage().rss / 2 ** 20));
      if (round === 1) warm = await settledRss();
    }
    console.log(
      `field memory: RSS after each round (MB): ${rounds.join(', ')}; external ${Math.round(process.memoryUsage().external / 2 ** 20)} MB, arrayBuffers ${Math.round(process.memoryUsage().arrayBuffers / 2 ** 20)} MB`,
    );
    // The knowledge cache's write-behind holds at most a bounded few fields; let it land first.
    await t.runtime.services.knowledge.drain();
    const after = await settledRss();
    console.log(
      `field memory: RSS ${Math.round(before / 2 ** 20)} MB → ${Math.round(warm / 2 ** 20)} MB after 8 fields → ${Math.round(after / 2 ** 20)} MB after 24, of ${FIELD_BYTES / 2 ** 20} MB each`,
    );
    // The last 16 fields (256 MB of answers) leave RSS where the first 8 left it, give or take a few fields (freed pages the allocator keeps).
    expect(after - warm).toBeLessThan(8 * FIELD_BYTES);
    // And the warm-up itself is bounded: holding all 24 answers would be 384 MB.
    expect(after - before).toBeLessThan(24 * FIELD_BYTES);
    // What is still held after a full collection: a few fields at most, not one per answer.
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(6 * FIELD_BYTES);
    expect(t.runtime.engine.memoryState()).toMatchObject({ reserved_bytes: 0, running: 0, waiting: 0 });
  }, 180_000);

  it('a field that can never fit the budget is refused with 413 and reserves nothing', async () => {
    const small = await createTestApp({
      databaseUrl: t.databaseUrl,
      store: t.store,
      env: { OPERATION_MEMORY_BUDGET_BYTES: String(FIELD_BYTES) },
    });
    try {
      const res = await small.app.inject({
        method: 'POST',
        url: `/api/v1/lattices/${lattice}/distances`,
        headers: { authorization: `Bearer ${owner.accessToken}`, accept: 'application/octet-stream' },
        payload: { sources: [[1, 1]] },
      });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json()).toMatchObject({ code: 'payload_too_large', budget_bytes: FIELD_BYTES });
      expect(small.runtime.engine.memoryState().reserved_bytes).toBe(0);
    } finally {
      await small.close();
    }
  }, 60_000);
});
