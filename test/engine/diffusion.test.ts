import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffuse, diffusionStep, estimateDiffuse } from '../../src/engine/diffusion.js';
import { materializeField } from '../../src/engine/field.js';
import { createLattice, isBlocked, obstacleBitset } from '../../src/engine/lattice.js';
import { build, closeTo, referenceHeatStep, smallLattice } from './fields-reference.js';
import { expectCode } from './expect-code.js';

describe('diffusion step', () => {
  it('matches a vertex-by-vertex reference on random lattices, obstacles and boundaries', () => {
    fc.assert(
      fc.property(smallLattice(400), fc.double({ min: 0, max: 0.125, noNaN: true }), (spec, coefficient) => {
        const l = build(spec);
        const u = materializeField(l, { seed: spec.seed });
        const dst = new Float64Array(u.length);
        diffusionStep(l, u, dst, coefficient, 0, u.length, obstacleBitset(l)?.words ?? null);
        expect(closeTo(dst, referenceHeatStep(l, u, coefficient), 1e-12)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('gives the same result when the vertex range is split into arbitrary slabs', () => {
    fc.assert(
      fc.property(smallLattice(400), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), (spec, cuts) => {
        const l = build(spec);
        const u = materializeField(l, { seed: 1 });
        const blocked = obstacleBitset(l)?.words ?? null;
        const whole = new Float64Array(u.length);
        diffusionStep(l, u, whole, 0.1, 0, u.length, blocked);
        const bounds = [0, ...cuts.map((c) => Math.floor(c * u.length)).sort((a, b) => a - b), u.length];
        const pieces = new Float64Array(u.length);
        for (let i = 1; i < bounds.length; i++) diffusionStep(l, u, pieces, 0.1, bounds[i - 1], bounds[i], blocked);
        expect(Array.from(pieces)).toEqual(Array.from(whole));
      }),
      { numRuns: 60 },
    );
  });
});

describe('diffuse', () => {
  it('conserves mass (Neumann sides, periodic wrap, insulating obstacles)', () => {
    fc.assert(
      fc.property(smallLattice(500), fc.integer({ min: 1, max: 30 }), (spec, steps) => {
        const l = build(spec);
        const dt = 1 / (2 * l.dimensions);
        const r = diffuse(l, { steps, dt, diffusivity: 1, snapshotEvery: 5 });
        expect(r.final.mass).toBeCloseTo(r.initial.mass, 9);
        for (const s of r.snapshots) expect(s.mass).toBeCloseTo(r.initial.mass, 9);
        // A maximum principle holds for a stable explicit scheme.
        expect(r.final.max).toBeLessThanOrEqual(r.initial.max + 1e-12);
        expect(r.final.min).toBeGreaterThanOrEqual(r.initial.min - 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('spreads a point source evenly towards the mean and never through an obstacle wall', () => {
    // Column x = 3 is a wall: heat put on the left half must stay there.
    const wall = Array.from({ length: 8 }, (_, y) => [y, 3]);
    const l = createLattice({ shape: [8, 8], obstacles: { coordinates: wall } });
    const r = diffuse(l, { steps: 2000, dt: 0.25, diffusivity: 1, initial: 'zero', sources: [{ vertex: [0, 0], amount: 24 }] });
    for (let v = 0; v < l.vertexCount; v++) {
      const x = v % 8;
      if (x === 3) expect(r.field[v]).toBe(0);
      else if (x > 3) expect(r.field[v]).toBe(0);
      else expect(r.field[v]).toBeCloseTo(1, 6);
    }
    expect(r.final.mass).toBeCloseTo(24, 9);
  });

  it('keeps a constant field constant and leaves the lattice field untouched', () => {
    for (const boundary of ['open', 'periodic'] as const) {
      const l = createLattice({ shape: [5, 4, 3], boundary });
      l.field = new Float64Array(l.vertexCount).fill(2.5);
      const r = diffuse(l, { steps: 10, dt: 0.1, diffusivity: 1 });
      expect(r.final.min).toBe(2.5);
      expect(r.final.max).toBe(2.5);
      expect(r.field).not.toBe(l.field);
    }
  });

  it('uses the default field when the lattice has none, deterministically', () => {
    const l = createLattice({ shape: [20, 20], obstacles: { density: 0.1, seed: 4 } });
    const a = diffuse(l, { steps: 5, dt: 0.2, diffusivity: 1 });
    const b = diffuse(l, { steps: 5, dt: 0.2, diffusivity: 1 });
    expect(Array.from(a.field)).toEqual(Array.from(b.field));
    expect(l.field).toBeNull();
    for (let v = 0; v < l.vertexCount; v++) if (isBlocked(l, v)) expect(a.field[v]).toBe(0);
  });

  it('rejects an unstable step naming the bound, and other bad input, with EngineError', () => {
    const l = createLattice({ shape: [4, 4] });
    expectCode(() => diffuse(l, { steps: 1, dt: 0.3, diffusivity: 1 }), 'invalid_parameter');
    expect(() => diffuse(l, { steps: 1, dt: 0.3, diffusivity: 1 })).toThrow(/dt·diffusivity·2d = 1\.2 exceeds .* bound 1/);
    expectCode(() => diffuse(l, { steps: -1, dt: 0.1, diffusivity: 1 }), 'invalid_parameter');
    expectCode(() => diffuse(l, { steps: 1, dt: 0, diffusivity: 1 }), 'invalid_parameter');
    expectCode(() => diffuse(l, { steps: 1, dt: 0.1, diffusivity: Number.NaN }), 'invalid_parameter');
    expectCode(() => diffuse(l, { steps: 1, dt: 0.1, diffusivity: 1, sources: [{ vertex: [9, 9], amount: 1 }] }), 'invalid_coordinates');
    expectCode(
      () => diffuse(l, { steps: 1, dt: 0.1, diffusivity: 1, sources: [{ vertex: [1, 1], amount: Infinity }] }),
      'invalid_parameter',
    );
    const walled = createLattice({ shape: [4, 4], obstacles: { coordinates: [[1, 1]] } });
    expectCode(
      () => diffuse(walled, { steps: 1, dt: 0.1, diffusivity: 1, sources: [{ vertex: [1, 1], amount: 1 }] }),
      'invalid_coordinates',
    );
    l.field = new Float64Array(16).fill(Number.NaN);
    expectCode(() => diffuse(l, { steps: 1, dt: 0.1, diffusivity: 1 }), 'invalid_parameter');
    expectCode(() => diffuse(l, { steps: 1, dt: 0.1, diffusivity: 1, initial: 'zero' }, { maxMaterializedVertices: 8 }), 'budget_exceeded');
    const controller = new AbortController();
    controller.abort();
    expectCode(() => diffuse(l, { steps: 3, dt: 0.1, diffusivity: 1, initial: 'zero' }, { signal: controller.signal }), 'aborted');
  });

  it('reports progress and an estimate proportional to steps', () => {
    const l = createLattice({ shape: [10, 10] });
    const seen: number[] = [];
    diffuse(l, { steps: 4, dt: 0.1, diffusivity: 1 }, { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    expect(estimateDiffuse(l, { steps: 20 }).work).toBe(2 * estimateDiffuse(l, { steps: 10 }).work);
  });
});
