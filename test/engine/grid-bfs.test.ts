import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBfs, bfsSweep, genericKernel } from '../../src/engine/grid-bfs.js';
import { createLattice } from '../../src/engine/lattice.js';
import { arbLatticeDef, freeVertexNear, refBfs, refGraph } from './reference.js';

describe('BFS kernels', () => {
  it('generated and generic kernels both equal reference BFS', () => {
    fc.assert(
      fc.property(arbLatticeDef(), fc.nat(), fc.integer({ min: 0, max: 20 }), (def, pick, cap) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        const source = freeVertexNear(g, pick % g.vertices);
        if (source < 0) return;
        const expected = refBfs(g, [source]).map((x) => (x > cap ? -1 : x));
        const run = (generic: boolean): number[] => {
          const { dist, queue } = allocateBfs(l, {}, 'test');
          dist[source] = 0;
          queue[0] = source;
          if (generic) genericKernel(l)(dist, queue, 0, 1, cap, () => {}, -1);
          else bfsSweep(l, dist, queue, 0, 1, cap, {});
          return Array.from(dist, (x) => Math.max(x, -1));
        };
        expect(run(false)).toEqual(expected);
        expect(run(true)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
