import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLattice as engineLattice, type Engine } from '../../src/engine/index.js';
import { addMember } from '../support/tenant-fixtures.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';
import { createLattice, get, post, run, stable } from './operation-fixtures.js';

let t: TestApp;
let owner: Account;
// The answers an API route gives must be the engine's own: the same engine instance, called directly.
const engine = (): Engine => t.runtime.engine;
let grid: string; // 5×5 open
let torus: string; // 6×6×6 periodic

const manhattan = (a: number[], b: number[]) => a.reduce((s, x, k) => s + Math.abs(x - b[k]), 0);
const periodic = (a: number[], b: number[], n: number) =>
  a.reduce((s, x, k) => s + Math.min(Math.abs(x - b[k]), n - Math.abs(x - b[k])), 0);

beforeAll(async () => {
  t = await createTestApp();
  // Enterprise: compute per minute (1000) is not what these tests are about.
  owner = await t.signup({ plan: 'enterprise' });
  grid = await createLattice(t, owner.accessToken, { name: 'grid', shape: [5, 5] });
  torus = await createLattice(t, owner.accessToken, { name: 'torus', dimensions: 3, size: 6, boundary: 'periodic' });
});
afterAll(async () => t?.close());

describe('every operation route on a small lattice', () => {
  it('path: distance is the Manhattan distance, the path walks unit steps, the envelope is complete', async () => {
    const body = await run(t, owner.accessToken, grid, 'path', { start: [0, 1], end: [4, 3] });
    expect(body).toMatchObject({
      lattice_id: grid,
      operation: 'path',
      reachable: true,
      distance: 6,
      hops: 6,
      backend: 'cpu',
      gpu_used: false,
      cached: false,
    });
    expect(body.operation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof body.execution_time_ms).toBe('number');
    expect(body.path).toHaveLength(7);
    expect(body.path[0]).toEqual([0, 1]);
    expect(body.path[6]).toEqual([4, 3]);
    for (let i = 1; i < body.path.length; i++) expect(manhattan(body.path[i - 1], body.path[i])).toBe(1);
    expect(body.fallback_reason).toBeUndefined();
  });

  it('path on a torus: the periodic distance, for every algorithm', async () => {
    for (const algorithm of ['auto', 'bfs', 'bidirectional', 'astar', 'dijkstra']) {
      const body = await run(t, owner.accessToken, torus, 'path', { start: [0, 0, 0], end: [5, 3, 1], algorithm });
      expect(body.hops, algorithm).toBe(periodic([0, 0, 0], [5, 3, 1], 6));
    }
  });

  it('distances: the summary matches the engine and the closed form; the binary field is every Manhattan distance', async () => {
    const body = await run(t, owner.accessToken, grid, 'distances', { sources: [[0, 0]] });
    const direct = await engine().run(engineLattice({ shape: [5, 5] }), 'distances', { sources: [[0, 0]] });
    expect(body).toMatchObject({
      sources: [[0, 0]],
      reached: 25,
      unreached: 0,
      blocked: 0,
      max_distance: 8,
      histogram: direct.result.histogram,
    });
    expect(body.mean_distance).toBeCloseTo(direct.result.mean_distance, 12);
    expect(body.histogram.reduce((a: number, b: number) => a + b, 0)).toBe(25);

    const bin = await post(
      t,
      `/lattices/${grid}/distances`,
      { token: owner.accessToken, headers: { accept: 'application/octet-stream' } },
      { sources: [[0, 0]] },
    );
    expect(bin.statusCode).toBe(200);
    expect(bin.headers['content-type']).toBe('application/octet-stream');
    expect(bin.headers['x-vertex-count']).toBe('25');
    expect(bin.headers['x-operation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const field = new Int32Array(new Uint8Array(bin.rawPayload).buffer);
    for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) expect(field[x * 5 + y]).toBe(x + y);
  });

  it('neighbors: the ball sizes of the closed form', async () => {
    const r1 = await run(t, owner.accessToken, grid, 'neighbors', { vertex: [2, 2], radius: 1 });
    expect(r1).toMatchObject({ count: 5, truncated: false });
    expect(r1.vertices).toHaveLength(5);
    const r2 = await run(t, owner.accessToken, grid, 'neighbors', { vertex: [2, 2], radius: 2, limit: 3 });
    expect(r2).toMatchObject({ count: 13, truncated: true });
    expect(r2.vertices).toHaveLength(3);
    // 3-D torus of side 6: 1 + 6 + 18 vertices within two hops (no wrap-around overlap yet).
    expect((await run(t, owner.accessToken, torus, 'neighbors', { vertex: [0, 0, 0], radius: 2 })).count).toBe(25);
  });

  it('components, analyze and partition', async () => {
    expect(await run(t, owner.accessToken, grid, 'components')).toMatchObject({ count: 1, sizes: [25], largest: 25 });
    // Every member optional: the body may be left out altogether.
    const bare = await t.app.inject({
      method: 'POST',
      url: `/api/v1/lattices/${grid}/analyze`,
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(await run(t, owner.accessToken, grid, 'analyze')).toMatchObject({
      vertices: 25,
      edges: 40,
      diameter: 8,
      bipartite: true,
      components: 1,
    });
    const parts = await run(t, owner.accessToken, grid, 'partition', { parts: 4 });
    expect(parts.parts).toHaveLength(4);
    expect(parts.parts.reduce((s: number, p: { vertices: number }) => s + p.vertices, 0)).toBe(25);
  });

  it('spectrum: the first eigenvalue is 0, the next is that of the path graph P5', async () => {
    const body = await run(t, owner.accessToken, grid, 'spectrum', { k: 3 });
    expect(body.eigenvalues[0]).toBeCloseTo(0, 12);
    expect(body.eigenvalues[1]).toBeCloseTo(2 - 2 * Math.cos(Math.PI / 5), 12);
    expect(body.algebraic_connectivity).toBeCloseTo(2 - 2 * Math.cos(Math.PI / 5), 12);
  });

  it('centrality, diffusion and random walk match the engine called directly', async () => {
    const l = engineLattice({ shape: [5, 5] });
    const c = await run(t, owner.accessToken, grid, 'centrality', { measure: 'closeness', top_k: 3 });
    const cDirect = await engine().run(l, 'centrality', { measure: 'closeness', topK: 3 });
    expect(c.top).toEqual(cDirect.result.top);
    expect(c.top[0].vertex).toEqual([2, 2]);

    const dBody = { steps: 20, initial: 'zero', sources: [{ vertex: [2, 2], amount: 100 }], snapshot_every: 10 };
    const d = await run(t, owner.accessToken, grid, 'diffusion', dBody);
    const dDirect = await engine().run(l, 'diffusion', {
      steps: 20,
      dt: 1 / 8,
      diffusivity: 1,
      initial: 'zero',
      sources: [{ vertex: [2, 2], amount: 100 }],
      snapshotEvery: 10,
    });
    expect(d.final).toEqual(dDirect.result.final);
    expect(d.final.mass).toBeCloseTo(100, 9);
    expect(d.snapshots).toHaveLength(2);

    const w = await run(t, owner.accessToken, grid, 'random-walk', { walkers: 200, steps: 50, seed: 42 });
    const wDirect = await engine().run(l, 'random-walk', { walkers: 200, steps: 50, seed: 42 });
    expect(w.msd).toEqual(Array.from(wDirect.result.msd));
    expect(w.diffusion_coefficient).toBe(wDirect.result.diffusion_coefficient);
    const again = await run(t, owner.accessToken, grid, 'random-walk', { walkers: 200, steps: 50, seed: 42 });
    expect(stable(again)).toEqual(stable(w));
  });

  it('the compat path route gives the same answer, under /api and /api/v1', async () => {
    const canonical = await run(t, owner.accessToken, grid, 'path', { start: [0, 0], end: [3, 4] });
    for (const prefix of ['/api/v1', '/api']) {
      const res = await post(t, `${prefix}/lattices/path`, { token: owner.accessToken }, { lattice_id: grid, start: [0, 0], end: [3, 4] });
      expect(res.statusCode, res.body).toBe(200);
      expect(stable(res.json())).toEqual(stable(canonical));
    }
  });
});

describe('unreachable targets and bad coordinates', () => {
  it('a wall of obstacles: 200 with path null and reachable false', async () => {
    const walled = await createLattice(t, owner.accessToken, {
      shape: [5, 5],
      obstacles: [
        [2, 0],
        [2, 1],
        [2, 2],
        [2, 3],
        [2, 4],
      ],
    });
    const body = await run(t, owner.accessToken, walled, 'path', { start: [0, 0], end: [4, 4] });
    expect(body).toMatchObject({ path: null, reachable: false, distance: null, hops: null });
    expect(await run(t, owner.accessToken, walled, 'components')).toMatchObject({ count: 2, sizes: [10, 10] });
  });

  it('wrong-length and out-of-range coordinates: 422 pointing at the field', async () => {
    const cases: [string, unknown, string][] = [
      ['path', { start: [0, 0, 0], end: [1, 1] }, 'body.start'],
      ['path', { start: [0, 0], end: [1, 5] }, 'body.end'],
      ['path', { start: [0, -1], end: [1, 1] }, 'body.start.1'],
      [
        'distances',
        {
          sources: [
            [0, 0],
            [9, 9],
          ],
        },
        'body.sources.1',
      ],
      ['neighbors', { vertex: [7, 0], radius: 1 }, 'body.vertex'],
      ['neighbors', { vertex: [0, 0], radius: -1 }, 'body.radius'],
      ['random-walk', { walkers: 10, steps: 10, start: [1] }, 'body.start'],
      ['diffusion', { steps: 10, dt: 10 }, 'body.dt'],
      ['random-walk', { walkers: 1_000_000, steps: 10 }, 'body.walkers'],
    ];
    for (const [op, body, location] of cases) {
      const res = await post(t, `/lattices/${grid}/${op}`, { token: owner.accessToken }, body);
      expect(res.statusCode, `${op} ${JSON.stringify(body)}: ${res.body}`).toBe(422);
      expect(res.json().code).toBe('validation_failed');
      expect(
        res.json().errors.map((e: { location: string }) => e.location),
        JSON.stringify(body),
      ).toContain(location);
    }
  });
});

describe('knowledge cache', () => {
  it('answers a repeat from the cache, and misses after the lattice changes', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [8, 8] });
    const first = await run(t, owner.accessToken, id, 'distances', { sources: [[1, 1]] });
    expect(first.cached).toBe(false);
    const second = await run(t, owner.accessToken, id, 'distances', { sources: [[1, 1]] });
    expect(second.cached).toBe(true);
    expect(stable(second)).toEqual(stable(first));
    // A binary answer needs the whole field: it is cached apart from the summary, complete.
    const binary = () =>
      post(
        t,
        `/lattices/${id}/distances`,
        { token: owner.accessToken, headers: { accept: 'application/octet-stream' } },
        { sources: [[1, 1]] },
      );
    expect((await binary()).headers['x-cached']).toBe('false');
    const bin = await binary();
    expect(bin.headers['x-cached']).toBe('true');
    expect(new Int32Array(new Uint8Array(bin.rawPayload).buffer)[63]).toBe(12);

    const xf = await post(
      t,
      `/lattices/${id}/transform`,
      { token: owner.accessToken },
      { transformation_type: 'scale', parameters: { factor: 2 } },
    );
    expect(xf.statusCode, xf.body).toBe(200);
    expect((await run(t, owner.accessToken, id, 'distances', { sources: [[1, 1]] })).cached).toBe(false);
    expect((await run(t, owner.accessToken, id, 'distances', { sources: [[1, 1]] })).cached).toBe(true);
  });

  it('is persisted: another app on the same database answers from it', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [6, 6] });
    expect((await run(t, owner.accessToken, id, 'analyze')).cached).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    const other = await createTestApp({ databaseUrl: t.databaseUrl, store: t.store });
    try {
      expect((await run(other, owner.accessToken, id, 'analyze')).cached).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('operation history', () => {
  it('lists every run newest first, filters by type, and the compat route lists transforms', async () => {
    const id = await createLattice(t, owner.accessToken, { shape: [4, 4] });
    await run(t, owner.accessToken, id, 'analyze');
    await run(t, owner.accessToken, id, 'path', { start: [0, 0], end: [3, 3] });
    const xf = await post(
      t,
      `/lattices/${id}/transform`,
      { token: owner.accessToken },
      { transformation_type: 'xor', parameters: { key: 7 } },
    );
    expect(xf.statusCode).toBe(200);

    const all = await get(t, `/lattices/${id}/operations`, owner.accessToken);
    expect(all.statusCode).toBe(200);
    expect(all.headers['x-total-count']).toBe('3');
    const ops = all.json().operations;
    expect(ops.map((o: { type: string }) => o.type)).toEqual(['transform', 'path', 'analyze']);
    expect(ops[0]).toMatchObject({
      id: xf.json().operation_id,
      transformation_type: 'xor',
      status: 'succeeded',
      actor_id: owner.userId,
      actor_type: 'user',
      job_id: null,
    });
    expect(ops[1]).toMatchObject({
      parameters: { start: [0, 0], end: [3, 3] },
      result_summary: { hops: 6, reachable: true },
      backend: 'cpu',
      cached: false,
    });

    const paths = await get(t, `/lattices/${id}/operations?type=path&limit=1`, owner.accessToken);
    expect(paths.json().operations).toHaveLength(1);
    const compat = await get(t, `/api/lattices/${id}/transformations`, owner.accessToken);
    expect(compat.json().operations.map((o: { type: string }) => o.type)).toEqual(['transform']);
    const bad = await get(t, `/lattices/${id}/operations?type=teleport`, owner.accessToken);
    expect(bad.statusCode).toBe(422);
  });
});

describe('roles, tenants and the GPU', () => {
  it('a viewer can read and run read-only operations but not transform', async () => {
    const viewer = await addMember(t, owner, 'viewer');
    expect((await run(t, viewer.accessToken, grid, 'analyze')).vertices).toBe(25);
    expect((await get(t, `/lattices/${grid}/operations`, viewer.accessToken)).statusCode).toBe(200);
    const res = await post(t, `/lattices/${grid}/transform`, { token: viewer.accessToken }, { transformation_type: 'normalize' });
    expect(res.statusCode).toBe(403);
  });

  it("another tenant's lattice is 404 on every operation route", async () => {
    const stranger = await t.signup({ plan: 'enterprise' });
    const bodies: Record<string, unknown> = {
      path: { start: [0, 0], end: [1, 1] },
      distances: { sources: [[0, 0]] },
      neighbors: { vertex: [0, 0], radius: 1 },
      components: {},
      centrality: {},
      analyze: {},
      partition: { parts: 2 },
      spectrum: {},
      diffusion: { steps: 1 },
      'random-walk': { walkers: 1, steps: 1 },
      transform: { transformation_type: 'normalize' },
    };
    for (const [op, body] of Object.entries(bodies)) {
      const res = await post(t, `/lattices/${grid}/${op}`, { token: stranger.accessToken }, body);
      expect(res.statusCode, op).toBe(404);
    }
    const compat = await post(t, '/lattices/path', { token: stranger.accessToken }, { lattice_id: grid, start: [0, 0], end: [1, 1] });
    expect(compat.statusCode).toBe(404);
    for (const path of ['operations', 'transformations'])
      expect((await get(t, `/lattices/${grid}/${path}`, stranger.accessToken)).statusCode).toBe(404);
  });
});

describe('plan limits', () => {
  it('free plan: the GPU asked for runs on the CPU, and fallback_reason names the plan', async () => {
    const free = await t.signup();
    const id = await createLattice(t, free.accessToken, { shape: [4, 4] });
    const body = await run(t, free.accessToken, id, 'analyze', { use_gpu: true });
    expect(body).toMatchObject({ gpu_used: false, backend: 'cpu' });
    expect(body.fallback_reason).toMatch(/'free' plan/);
  });

  it('free plan: an operation materialising more than 1 000 000 vertices is 403 naming the limit, also as a job', async () => {
    const free = await t.signup();
    const id = await createLattice(t, free.accessToken, { shape: [1000, 1000, 2] });
    for (const query of ['', '?async=true']) {
      const res = await post(t, `/lattices/${id}/distances${query}`, { token: free.accessToken }, { sources: [[0, 0, 0]] });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'plan_limit_exceeded', limit: 'max_materialized_vertices', value: 1_000_000 });
      expect(res.json().detail).toMatch(/1000000 vertices/);
    }
    // Closed forms materialise nothing: still fine on that lattice.
    expect((await run(t, free.accessToken, id, 'path', { start: [0, 0, 0], end: [999, 999, 1] })).hops).toBe(1999);
  });

  it('monthly operations spent: 403 naming the limit', async () => {
    const free = await t.signup();
    const id = await createLattice(t, free.accessToken, { shape: [4, 4] });
    await run(t, free.accessToken, id, 'analyze');
    await t.runtime.usage.record(free.tenantId, 'operations', 999);
    const res = await post(t, `/lattices/${id}/analyze`, { token: free.accessToken }, {});
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'plan_limit_exceeded', limit: 'monthly_operations', value: 1000 });
  });

  it('free plan: the 11th operation in a minute is 429, another tenant is unaffected', async () => {
    const [a, b] = [await t.signup(), await t.signup()];
    const ids = [await createLattice(t, a.accessToken, { shape: [3, 3] }), await createLattice(t, b.accessToken, { shape: [3, 3] })];
    for (let i = 0; i < 10; i++) await run(t, a.accessToken, ids[0], 'spectrum', { k: 2 });
    const refused = await post(t, `/lattices/${ids[0]}/spectrum`, { token: a.accessToken }, { k: 2 });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/Rate limit exceeded/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await run(t, b.accessToken, ids[1], 'spectrum', { k: 2 })).eigenvalues[0]).toBeCloseTo(0, 12);
    // Reading the history is a request, not a compute operation.
    expect((await get(t, `/lattices/${ids[0]}/operations`, a.accessToken)).statusCode).toBe(200);
  });
});
