import { afterAll, describe, expect, it } from 'vitest';
import { transferablesOf } from '../../src/engine/backends/pool-protocol.js';
import { checksum } from '../../src/engine/checksum.js';
import { createEngine } from '../../src/engine/engine.js';
import { materializeField } from '../../src/engine/field.js';
import { createLattice, type LatticeDefinition } from '../../src/engine/lattice.js';
import type { OperationName, OperationParams } from '../../src/engine/operations.js';

/*
 * Operations that do not split run whole in one worker with the in-thread
 * code; their answers (and a transform's field) must be the in-thread ones
 * bit for bit. Typed arrays are compared by checksum of their bytes, so
 * -0 against 0 or two NaN payloads would show.
 */

const engine = createEngine({ poolThreads: 2 });
afterAll(() => engine.close());

/** The result with every typed array replaced by its length and the checksum of its bytes. */
function bits(value: unknown): unknown {
  if (value instanceof Float64Array || value instanceof Int32Array || value instanceof Uint32Array) {
    return { length: value.length, checksum: checksum(value) };
  }
  if (Array.isArray(value)) return value.map(bits);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bits(v)]));
  return Object.is(value, -0) ? '-0' : value;
}

interface Case<K extends OperationName = OperationName> {
  op: K;
  lattice: LatticeDefinition;
  params: OperationParams[K];
  field?: boolean;
}

const obstacles: LatticeDefinition = { shape: [17, 13, 9], obstacles: { density: 0.2, seed: 7 } };
const free: LatticeDefinition = { shape: [12, 11, 10], boundary: 'periodic' };

const cases: Case[] = [
  { op: 'path', lattice: obstacles, params: { start: [0, 0, 0], end: [16, 12, 8], algorithm: 'bfs' } },
  { op: 'path', lattice: obstacles, params: { start: [0, 0, 0], end: [16, 12, 8], algorithm: 'astar' } },
  { op: 'path', lattice: obstacles, params: { start: [0, 0, 0], end: [16, 12, 8], algorithm: 'bidirectional' } },
  { op: 'path', lattice: obstacles, params: { start: [0, 0, 0], end: [16, 12, 8], algorithm: 'dijkstra' }, field: true },
  { op: 'path', lattice: free, params: { start: [1, 2, 3], end: [10, 0, 9] } },
  { op: 'distances', lattice: obstacles, params: { sources: [[0, 0, 0]], maxDistance: 20 } },
  { op: 'distances', lattice: free, params: { sources: [[3, 3, 3]] } },
  { op: 'neighbors', lattice: obstacles, params: { vertex: [0, 0, 0], radius: 4, limit: 50 } },
  { op: 'components', lattice: { shape: [40, 40], obstacles: { density: 0.45, seed: 3 } }, params: { maxSizes: 20 } },
  { op: 'centrality', lattice: obstacles, params: { measure: 'degree', values: true } },
  { op: 'analyze', lattice: { shape: [14, 14], obstacles: { density: 0.2, seed: 1 } }, params: {} },
  { op: 'partition', lattice: free, params: { parts: 7 } },
  { op: 'spectrum', lattice: free, params: { k: 12 } },
  { op: 'random-walk', lattice: obstacles, params: { walkers: 1, steps: 500, seed: 5 } },
  { op: 'transform', lattice: free, params: { type: 'xor', key: 'k' }, field: true },
  { op: 'transform', lattice: { shape: [6, 9, 9] }, params: { type: 'rotate', axes: [1, 2], turns: 3 }, field: true },
  { op: 'transform', lattice: { shape: [10, 10] }, params: { type: 'scale', factor: -0.75 }, field: true },
  { op: 'transform', lattice: free, params: { type: 'normalize' }, field: true },
  { op: 'transform', lattice: free, params: { type: 'xor', key: 3 } },
];

function latticeFor(c: Case) {
  const l = createLattice(c.lattice);
  if (c.field === true) l.field = materializeField(l, { seed: 4 });
  return l;
}

describe('whole operations in one worker against one thread', () => {
  it.each(cases.map((c) => [`${c.op} ${JSON.stringify(c.params)}`, c] as const))('%s: identical bit for bit', async (_name, c) => {
    const inThread = latticeFor(c);
    const inWorker = latticeFor(c);
    const cpu = await engine.run(inThread, c.op, c.params as never, { backend: 'cpu' });
    const pool = await engine.run(inWorker, c.op, c.params as never, { backend: 'cpu-pool' });
    expect(pool.backend).toBe('cpu-pool');
    expect(pool.fallback_reason).toBeUndefined();
    expect(bits(pool.result)).toEqual(bits(cpu.result));
    if (c.op === 'transform') expect(checksum(inWorker.field as Float64Array)).toBe(checksum(inThread.field as Float64Array));
  });

  it('leaves the caller’s field untouched until a transform succeeds, and as it was when it fails', async () => {
    const l = createLattice({ shape: [30, 30] });
    l.field = materializeField(l, { seed: 9 });
    const original = l.field;
    const before = checksum(original);
    await expect(engine.run(l, 'transform', { type: 'rotate', axes: [0, 3] as never }, { backend: 'cpu-pool' })).rejects.toMatchObject({
      code: 'invalid_parameter',
    });
    expect(l.field).toBe(original);
    expect(checksum(l.field)).toBe(before);
    const run = await engine.run(l, 'transform', { type: 'xor', key: 'x' }, { backend: 'cpu-pool' });
    expect(l.field).not.toBe(original);
    expect(checksum(original)).toBe(before);
    expect(run.result.checksum_after).toBe(checksum(l.field));
  });

  it('runs a worker’s later tasks on the same lattice correctly (nothing it caches is handed away)', async () => {
    const def = { shape: [25, 25], obstacles: { density: 0.25, seed: 2 } };
    const first = await engine.run(createLattice(def), 'components', {}, { backend: 'cpu-pool' });
    for (let i = 0; i < 4; i++) {
      const again = await engine.run(createLattice(def), 'distances', { sources: [[0, 1]] }, { backend: 'cpu-pool' });
      const cpu = await engine.run(createLattice(def), 'distances', { sources: [[0, 1]] }, { backend: 'cpu' });
      expect(bits(again.result)).toEqual(bits(cpu.result));
    }
    expect(first.result.count).toBeGreaterThan(1);
  });
});

describe('replies move their typed arrays', () => {
  it('lists every ArrayBuffer behind a typed array once, and no SharedArrayBuffer', () => {
    const a = new Int32Array(4);
    const b = new Float64Array(8);
    const view = new Float64Array(b.buffer, 8, 2);
    const shared = new Float64Array(new SharedArrayBuffer(16));
    const found = transferablesOf({ result: { distances: a, nested: [b, { view }] }, shared, field: null, n: 3 });
    expect(found).toHaveLength(2);
    expect(found).toContain(a.buffer);
    expect(found).toContain(b.buffer);
  });
});
