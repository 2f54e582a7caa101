import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { InMemoryKnowledgeCache, estimateResultBytes } from '../../src/engine/knowledge-cache.js';
import { cacheKey, canonicalJson, latticeFingerprint } from '../../src/engine/knowledge-cache-key.js';
import { createLattice } from '../../src/engine/lattice.js';
import { createEngine } from '../../src/engine/engine.js';

const cube = createLattice({ shape: [6, 6, 6] });

function key(entry: string, lattice = 'L') {
  return { lattice, entry };
}

describe('canonicalJson', () => {
  it('ignores key order and undefined members, folds -0 into 0', () => {
    expect(canonicalJson({ b: 1, a: [1, -0], c: undefined })).toBe(canonicalJson({ a: [1, 0], b: 1 }));
    expect(canonicalJson({ a: { y: 1, x: 2 } })).toBe('{"a":{"x":2,"y":1}}');
  });

  it('spells typed arrays with their element type', () => {
    expect(canonicalJson(Int32Array.of(1, 2))).toBe('{"$typed":"Int32Array","data":[1,2]}');
    expect(canonicalJson(Int32Array.of(1, 2))).not.toBe(canonicalJson(Float64Array.of(1, 2)));
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(EngineError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
  });
});

describe('cacheKey', () => {
  const base = { lattice: cube, fieldVersion: 1, operation: 'path', params: { start: [0, 0, 0], end: [5, 5, 5] } };

  it('is stable for equal definitions and parameter order', () => {
    const again = { ...base, lattice: createLattice({ shape: [6, 6, 6] }), params: { end: [5, 5, 5], start: [0, 0, 0] } };
    expect(cacheKey(again)).toEqual(cacheKey(base));
  });

  it('changes with each input: shape, boundary, obstacles, field version, operation, parameters', () => {
    const keys = new Set([
      cacheKey(base).entry,
      cacheKey({ ...base, lattice: createLattice({ shape: [6, 6, 7] }) }).entry,
      cacheKey({ ...base, lattice: createLattice({ shape: [6, 6, 6], boundary: 'periodic' }) }).entry,
      cacheKey({ ...base, lattice: createLattice({ shape: [6, 6, 6], obstacles: { density: 0.1, seed: 1 } }) }).entry,
      cacheKey({ ...base, fieldVersion: 2 }).entry,
      cacheKey({ ...base, operation: 'distances' }).entry,
      cacheKey({ ...base, params: { start: [0, 0, 1], end: [5, 5, 5] } }).entry,
    ]);
    expect(keys.size).toBe(7);
  });

  it('groups entries by a fingerprint of the lattice alone', () => {
    expect(cacheKey(base).lattice).toBe(latticeFingerprint(cube));
    expect(cacheKey({ ...base, operation: 'analyze', params: {} }).lattice).toBe(latticeFingerprint(cube));
  });
});

describe('InMemoryKnowledgeCache', () => {
  it('counts hits and misses', async () => {
    const cache = new InMemoryKnowledgeCache({ maxBytes: 10_000 });
    expect(await cache.get(key('a'))).toBeUndefined();
    await cache.set(key('a'), { x: 1 });
    expect(await cache.get(key('a'))).toEqual({ x: 1 });
    expect(await cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, hitRatio: 0.5 });
  });

  it('evicts the least recently used entries to stay within its byte budget', async () => {
    const cache = new InMemoryKnowledgeCache({ maxBytes: 300 });
    await cache.set(key('a'), 'a', 100);
    await cache.set(key('b'), 'b', 100);
    await cache.set(key('c'), 'c', 100);
    await cache.get(key('a'));
    await cache.set(key('d'), 'd', 100);
    expect(await cache.get(key('b'))).toBeUndefined();
    expect(await cache.get(key('a'))).toBe('a');
    const stats = await cache.stats();
    expect(stats).toMatchObject({ evictions: 1, entries: 3, bytes: 300 });
  });

  it('does not store a result larger than the whole budget', async () => {
    const cache = new InMemoryKnowledgeCache({ maxBytes: 1000 });
    await cache.set(key('small'), 1, 10);
    await cache.set(key('big'), new Float64Array(1000));
    expect(await cache.get(key('big'))).toBeUndefined();
    expect(await cache.get(key('small'))).toBe(1);
  });

  it('replacing an entry does not count its bytes twice', async () => {
    const cache = new InMemoryKnowledgeCache({ maxBytes: 1000 });
    await cache.set(key('a'), 1, 400);
    await cache.set(key('a'), 2, 400);
    expect((await cache.stats()).bytes).toBe(400);
  });

  it('drops every entry of one lattice', async () => {
    const cache = new InMemoryKnowledgeCache();
    await cache.set(key('a', 'L1'), 1);
    await cache.set(key('b', 'L1'), 2);
    await cache.set(key('c', 'L2'), 3);
    expect(await cache.invalidateLattice('L1')).toBe(2);
    expect(await cache.get(key('a', 'L1'))).toBeUndefined();
    expect(await cache.get(key('c', 'L2'))).toBe(3);
    expect((await cache.stats()).entries).toBe(1);
  });

  it('estimates typed arrays by their bytes', () => {
    expect(estimateResultBytes(new Float64Array(1000))).toBeGreaterThanOrEqual(8000);
    expect(estimateResultBytes({ a: 'xx' })).toBeLessThan(200);
  });
});

describe('engine.run with a cache', () => {
  const engine = createEngine();
  const runOperation: typeof engine.run = (l, op, params, options) => engine.run(l, op, params, options);
  afterAll(() => engine.close());

  it('answers a repeated request from the cache', async () => {
    const cache = new InMemoryKnowledgeCache();
    const params = { start: [0, 0, 0], end: [5, 5, 5] };
    const first = await runOperation(cube, 'path', params, { cache });
    const second = await runOperation(createLattice({ shape: [6, 6, 6] }), 'path', { end: [5, 5, 5], start: [0, 0, 0] }, { cache });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.result).toEqual(first.result);
    expect(second.backend).toBe(first.backend);
    expect((await cache.stats()).hits).toBe(1);
  });

  it('never caches transforms, and caches field readers only with a field version', async () => {
    const cache = new InMemoryKnowledgeCache();
    const l = createLattice({ shape: [4, 4] });
    await runOperation(l, 'transform', { type: 'scale', factor: 2 }, { cache });
    await runOperation(l, 'transform', { type: 'scale', factor: 2 }, { cache });
    const diffusion = { steps: 2, dt: 0.1, diffusivity: 1 };
    await runOperation(l, 'diffusion', diffusion, { cache });
    expect((await cache.stats()).entries).toBe(0);
    await runOperation(l, 'diffusion', diffusion, { cache, fieldVersion: 7 });
    const again = await runOperation(l, 'diffusion', diffusion, { cache, fieldVersion: 7 });
    expect(again.cached).toBe(true);
    const bumped = await runOperation(l, 'diffusion', diffusion, { cache, fieldVersion: 8 });
    expect(bumped.cached).toBe(false);
  });
});
