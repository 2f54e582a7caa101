import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLattice } from '../../src/engine/lattice.js';
import { estimateRandomWalk, finishWalk, mergeWalks, randomWalk, walkPartial } from '../../src/engine/random-walk.js';
import { expectCode } from './expect-code.js';
import { build, smallLattice } from './fields-reference.js';

describe('random walk', () => {
  it('gives the same answer for the same seed, and another for another seed', () => {
    const free = createLattice({ shape: [30, 30] });
    const a = randomWalk(free, { walkers: 50, steps: 200, seed: 11 });
    const b = randomWalk(free, { walkers: 50, steps: 200, seed: 11 });
    const c = randomWalk(free, { walkers: 50, steps: 200, seed: 12 });
    expect(a).toEqual(b);
    expect(Array.from(c.msd)).not.toEqual(Array.from(a.msd));
    const blockedStart = createLattice({ shape: [30, 30], obstacles: { coordinates: [[0, 0]] } });
    expectCode(() => randomWalk(blockedStart, { walkers: 1, steps: 1, seed: 1, start: [0, 0] }), 'invalid_coordinates');
  });

  it('splitting the walkers across partial runs and merging is bit-identical to one run', () => {
    fc.assert(
      fc.property(
        smallLattice(300),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (spec, walkers, steps, cuts) => {
          const l = build(spec);
          const params = { walkers, steps, seed: spec.seed, start: l.shape.map(() => 0) };
          let whole;
          try {
            whole = randomWalk(l, params);
          } catch {
            return; // the start happens to be an obstacle
          }
          const bounds = [0, ...cuts.map((x) => Math.floor(x * walkers)).sort((p, q) => p - q), walkers];
          const acc = walkPartial(l, params, 0, bounds[1]);
          for (let i = 2; i < bounds.length; i++) mergeWalks(acc, walkPartial(l, params, bounds[i - 1], bounds[i]));
          expect(finishWalk(l, params, acc)).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('moves every step away from walls, so msd[1] = 1 and msd[t] ≈ t on a torus', () => {
    const torus = createLattice({ shape: [64, 64, 64], boundary: 'periodic' });
    const r = randomWalk(torus, { walkers: 4000, steps: 100, seed: 3 });
    expect(r.msd[0]).toBe(0);
    expect(r.msd[1]).toBe(1);
    // Var(|x_t|²) ≈ (2/3)·t² per walker in 3D, so the mean of 4000 is within ~±4 % at 4 σ.
    expect(r.msd[100]).toBeGreaterThan(96);
    expect(r.msd[100]).toBeLessThan(104);
    expect(r.diffusion_coefficient).toBeCloseTo(1 / 6, 1);
    expect(r.final.rms_distance).toBeCloseTo(Math.sqrt(r.msd[100]), 12);
  });

  it('has mean return time equal to the component size (Kac), obstacles and rejected moves included', () => {
    // 4×4 open grid with two obstacles: 14 reachable vertices, uniform stationary law.
    const l = createLattice({
      shape: [4, 4],
      obstacles: {
        coordinates: [
          [1, 1],
          [2, 3],
        ],
      },
    });
    const r = randomWalk(l, { walkers: 5000, steps: 1000, seed: 5, start: [0, 0] });
    expect(r.return_fraction).toBe(1);
    expect(r.mean_return_time as number).toBeGreaterThan(14 * 0.93);
    expect(r.mean_return_time as number).toBeLessThan(14 * 1.07);
    expect(r.mean_distinct_visited).toBeLessThanOrEqual(14);
  });

  it('never crosses an obstacle or an open edge', () => {
    // 1D line 0..9 with an obstacle at 4, start 1: only 0..3 are reachable.
    const l = createLattice({ shape: [10], obstacles: { coordinates: [[4]] } });
    const r = randomWalk(l, { walkers: 300, steps: 500, seed: 9, start: [1] });
    expect(r.mean_distinct_visited).toBeLessThanOrEqual(4);
    expect(r.final.max_distance).toBeLessThanOrEqual(2);
    expect(Math.max(...r.msd)).toBeLessThanOrEqual(4);
  });

  it('unwraps displacement on periodic sides instead of folding it back', () => {
    const ring = createLattice({ shape: [5], boundary: 'periodic' });
    const r = randomWalk(ring, { walkers: 2000, steps: 400, seed: 1 });
    // Folded positions would keep msd below 4; unwrapped it grows like t.
    expect(r.msd[400]).toBeGreaterThan(300);
  });

  it('validates its input and budget, and honours abort', () => {
    const l = createLattice({ shape: [8, 8] });
    expectCode(() => randomWalk(l, { walkers: 0, steps: 1, seed: 1 }), 'invalid_parameter');
    expectCode(() => randomWalk(l, { walkers: 1, steps: -1, seed: 1 }), 'invalid_parameter');
    expectCode(() => randomWalk(l, { walkers: 1, steps: 1, seed: 0.5 }), 'invalid_parameter');
    expectCode(() => randomWalk(l, { walkers: 1, steps: 1, seed: 1, start: [8, 0] }), 'invalid_coordinates');
    expectCode(() => randomWalk(l, { walkers: 1, steps: 1, seed: 1, start: [1] }), 'invalid_coordinates');
    expectCode(() => walkPartial(l, { walkers: 4, steps: 1, seed: 1 }, 3, 5), 'invalid_parameter');
    expectCode(() => randomWalk(l, { walkers: 1, steps: 100, seed: 1 }, { maxMaterializedVertices: 50 }), 'budget_exceeded');
    const controller = new AbortController();
    controller.abort();
    expectCode(() => randomWalk(l, { walkers: 2, steps: 2, seed: 1 }, { signal: controller.signal }), 'aborted');
  });

  it('walks huge implicit lattices without materialising them', () => {
    const huge = createLattice({ shape: [1e5, 1e5, 1e5], obstacles: { density: 0.1, seed: 4 } });
    const r = randomWalk(huge, { walkers: 20, steps: 100, seed: 1 }, { maxMaterializedVertices: 1000 });
    expect(r.msd.length).toBe(101);
    expect(estimateRandomWalk(huge, { walkers: 20, steps: 100 }).materializedVertices).toBe(101);
  });
});
