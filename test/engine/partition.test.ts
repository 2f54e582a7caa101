import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLattice, type Boundary } from '../../src/engine/lattice.js';
import { estimatePartition, partition } from '../../src/engine/partition.js';
import { expectCode } from './expect-code.js';
import { refGraph } from './reference.js';

describe('partition', () => {
  it('covers every vertex exactly once with balanced boxes and an exact cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 7 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<Boundary>('open', 'periodic'),
        fc.integer({ min: 1, max: 40 }),
        (shape, boundary, want) => {
          const l = createLattice({ shape, boundary });
          const parts = Math.min(want, l.vertexCount);
          const g = refGraph(shape, boundary, null);
          const r = partition(l, parts);
          expect(r.parts).toHaveLength(parts);
          const owner = new Array<number>(g.vertices).fill(-1);
          g.coords.forEach((c, v) => {
            for (const box of r.parts) {
              if (c.every((x, k) => box.lo[k] <= x && x < box.hi[k])) {
                expect(owner[v]).toBe(-1);
                owner[v] = box.id;
              }
            }
          });
          expect(owner.every((o) => o >= 0)).toBe(true);
          for (const box of r.parts) expect(box.vertices).toBe(owner.filter((o) => o === box.id).length);
          let cut = 0;
          g.adj.forEach((list, v) => list.forEach((u) => (cut += owner[u] !== owner[v] ? 1 : 0)));
          expect(r.cut_edges).toBe(cut / 2);
          const sizes = r.parts.map((p) => p.vertices);
          expect(r.balance).toBeCloseTo(Math.max(...sizes) / (g.vertices / parts), 12);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is perfectly balanced when the parts divide the lattice, at any size', () => {
    const l = createLattice({ shape: [1024, 1024, 1024, 1024] });
    const r = partition(l, 64);
    expect(r.balance).toBe(1);
    expect(r.parts.every((p) => p.vertices === 2 ** 34)).toBe(true);
    // 4 cuts across dims 0–3 after 64 = 2^6 halvings: each dimension cut into 2 or 4 slabs.
    expect(r.cut_edges).toBeGreaterThan(0);
    expect(estimatePartition(l, { parts: 64 }).materializedVertices).toBe(0);
  });

  it('validates parts', () => {
    const l = createLattice({ shape: [2, 2] });
    expectCode(() => partition(l, 0), 'invalid_parameter');
    expectCode(() => partition(l, 5), 'invalid_parameter');
    expectCode(() => partition(l, 1.5), 'invalid_parameter');
  });
});
