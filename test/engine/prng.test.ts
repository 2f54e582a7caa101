import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { Prng, splitmix64Fill, splitmix64Hash } from '../../src/engine/prng.js';
import { refSplitmix } from './reference.js';

describe('splitmix64Hash', () => {
  it('matches the published SplitMix64 stream for seed 0', () => {
    // First output of SplitMix64 seeded with 0 is 0xe220a8397b1dcdaf.
    expect(splitmix64Hash(0, 0)).toBe(0xe220a839);
  });

  it('equals a BigInt reference for any safe seed and index', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }),
        (seed, index) => splitmix64Hash(seed, index) === refSplitmix(seed, index),
      ),
      { numRuns: 300 },
    );
  });

  it('bulk fill equals one hash per index, across the 2^32 carry', () => {
    const out = new Uint32Array(300);
    splitmix64Fill(-7, 2 ** 32 - 150, out);
    out.forEach((h, j) => expect(h).toBe(splitmix64Hash(-7, 2 ** 32 - 150 + j)));
  });
});

describe('Prng', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const xs = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('keeps floats in [0, 1) and ints in range, roughly uniform', () => {
    const p = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 20000; i++) {
      const x = p.nextFloat();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      buckets[p.nextInt(10)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(250);
  });

  it('rejects bad seeds and bounds with EngineError', () => {
    expect(() => new Prng(1.5)).toThrow(EngineError);
    expect(() => new Prng(7).nextInt(0)).toThrow(EngineError);
  });
});
