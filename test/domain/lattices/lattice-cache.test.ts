import { describe, expect, it } from 'vitest';
import { createLattice, implicitBytes, type Lattice } from '../../../src/engine/lattice.js';
import { LatticeCache } from '../../../src/domain/lattices/lattice-cache.js';

const withField = (n: number): Lattice => {
  const l = createLattice({ shape: [n] });
  l.field = new Float64Array(n);
  return l;
};

describe('LatticeCache', () => {
  it('serves an entry only for the exact version it was cached at', () => {
    const cache = new LatticeCache(1 << 20);
    const l = createLattice({ shape: [4, 4] });
    cache.set('a', 2, l);
    expect(cache.get('a', 2)).toBe(l);
    expect(cache.get('a', 1)).toBeUndefined();
    // Asking for a newer version drops the stale one.
    expect(cache.get('a', 3)).toBeUndefined();
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('never replaces a newer version with an older one', () => {
    const cache = new LatticeCache(1 << 20);
    const newer = createLattice({ shape: [3] });
    cache.set('a', 5, newer);
    cache.set('a', 4, createLattice({ shape: [3] }));
    expect(cache.get('a', 5)).toBe(newer);
  });

  it('evicts the least recently used entries to stay within its byte budget', () => {
    const one = implicitBytes(withField(10_000)) + 512;
    const cache = new LatticeCache(3 * one);
    cache.set('a', 1, withField(10_000));
    cache.set('b', 1, withField(10_000));
    cache.set('c', 1, withField(10_000));
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recent; b the least
    cache.set('d', 1, withField(10_000));
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('c', 1)).toBeDefined();
    expect(cache.get('d', 1)).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(3 * one);
  });

  it('does not cache a lattice larger than the whole budget', () => {
    const cache = new LatticeCache(1000);
    cache.set('big', 1, withField(1000));
    expect(cache.get('big', 1)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('re-measures an entry whose field was attached after caching, evicting others when needed', () => {
    const small = implicitBytes(createLattice({ shape: [1000] })) + 512;
    const cache = new LatticeCache(2 * small + 8000);
    const l = createLattice({ shape: [1000] });
    cache.set('x', 1, createLattice({ shape: [1000] }));
    cache.set('l', 1, l);
    expect(cache.stats().bytes).toBe(2 * small);
    l.field = new Float64Array(1000);
    expect(cache.get('l', 1)).toBe(l);
    expect(cache.stats().bytes).toBe(small + small + 8000);
    l.field = new Float64Array(1001);
    cache.get('l', 1);
    expect(cache.get('x', 1)).toBeUndefined();
    expect(cache.stats().entries).toBe(1);
  });

  it('forgets a deleted lattice', () => {
    const cache = new LatticeCache(1 << 20);
    cache.set('a', 1, createLattice({ shape: [2] }));
    cache.delete('a');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.stats().bytes).toBe(0);
  });
});
