import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLattice, type Boundary } from '../../src/engine/lattice.js';
import { estimateSpectrum, laplacianSpectrum } from '../../src/engine/spectrum.js';
import { expectCode } from './expect-code.js';
import { jacobiEigenvalues, laplacian, refGraph } from './reference.js';

describe('laplacianSpectrum', () => {
  it('equals a dense eigen-solver on small lattices, both boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<Boundary>('open', 'periodic'),
        fc.integer({ min: 1, max: 200 }),
        (shape, boundary, k) => {
          if (shape.reduce((a, b) => a * b, 1) > 64) return;
          const l = createLattice({ shape, boundary });
          const dense = jacobiEigenvalues(laplacian(refGraph(shape, boundary, null)));
          const r = laplacianSpectrum(l, k);
          expect(r.eigenvalues).toHaveLength(Math.min(k, l.vertexCount));
          r.eigenvalues.forEach((x, j) => expect(x).toBeCloseTo(dense[j], 9));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('works on huge lattices without enumerating vertices', () => {
    const l = createLattice({ shape: [1000, 1000, 1000, 1000], boundary: 'periodic' });
    const r = laplacianSpectrum(l, 9);
    // 0 once, then 2 − 2cos(2π/1000) with multiplicity 2 per dimension.
    expect(r.eigenvalues[0]).toBe(0);
    const first = 2 - 2 * Math.cos((2 * Math.PI) / 1000);
    for (let j = 1; j <= 8; j++) expect(r.eigenvalues[j]).toBeCloseTo(first, 14);
    expect(r.algebraic_connectivity).toBeCloseTo(first, 14);
    expect(estimateSpectrum(l, { k: 9 }).materializedVertices).toBe(0);
  });

  it('refuses obstacles and bad k', () => {
    expectCode(() => laplacianSpectrum(createLattice({ shape: [4], obstacles: { coordinates: [[1]] } }), 2), 'invalid_parameter');
    expectCode(() => laplacianSpectrum(createLattice({ shape: [4] }), 0), 'invalid_parameter');
    expectCode(() => laplacianSpectrum(createLattice({ shape: [4] }), 1e6), 'invalid_parameter');
  });
});
