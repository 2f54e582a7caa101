import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLattice, indexOf, isBlocked, type Lattice } from '../../src/engine/lattice.js';
import { estimateFindPath, findPath, type PathAlgorithm, type PathResult } from '../../src/engine/path.js';
import { expectCode } from './expect-code.js';
import { arbLatticeDef, decode, freeVertexNear, refBfs, refDijkstra, refGraph, type RefGraph } from './reference.js';

function expectValidPath(l: Lattice, g: RefGraph, r: PathResult, start: number, end: number): void {
  const path = r.path as number[][];
  expect(indexOf(l, path[0])).toBe(start);
  expect(indexOf(l, path[path.length - 1])).toBe(end);
  expect(r.hops).toBe(path.length - 1);
  for (let j = 0; j < path.length; j++) {
    const v = indexOf(l, path[j]);
    expect(g.blocked[v]).toBe(false);
    if (j > 0) expect(g.adj[indexOf(l, path[j - 1])]).toContain(v);
  }
}

const searches: PathAlgorithm[] = ['auto', 'bfs', 'bidirectional', 'astar', 'dijkstra'];

describe('findPath', () => {
  it('finds shortest paths like reference BFS, with every algorithm', () => {
    fc.assert(
      fc.property(arbLatticeDef(), fc.nat(), fc.nat(), (def, a, b) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        const start = freeVertexNear(g, a % g.vertices);
        const end = freeVertexNear(g, b % g.vertices);
        if (start < 0) return;
        const expected = refBfs(g, [start])[end];
        for (const algorithm of searches) {
          const r = findPath(l, decode(def.shape, start), decode(def.shape, end), algorithm);
          if (expected < 0) {
            expect(r).toMatchObject({ path: null, reachable: false, distance: null, hops: null });
          } else {
            expect(r.reachable).toBe(true);
            expect(r.distance).toBe(expected);
            expectValidPath(l, g, r, start, end);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('uses the value field as entry cost in Dijkstra', () => {
    fc.assert(
      fc.property(arbLatticeDef(120), fc.nat(), fc.nat(), fc.integer(), (def, a, b, salt) => {
        const l = createLattice(def);
        const g = refGraph(def.shape, def.boundary, def.obstacles);
        const start = freeVertexNear(g, a % g.vertices);
        const end = freeVertexNear(g, b % g.vertices);
        if (start < 0) return;
        // Small integer costs (zeros included) keep sums exact.
        const cost = g.coords.map((_, i) => Math.abs((i * 7919 + salt) % 5));
        l.field = Float64Array.from(cost);
        const expected = refDijkstra(g, start, cost)[end];
        const r = findPath(l, decode(def.shape, start), decode(def.shape, end), 'dijkstra');
        if (expected === Infinity) {
          expect(r.reachable).toBe(false);
          return;
        }
        expect(r.distance).toBe(expected);
        expectValidPath(l, g, r, start, end);
        const path = r.path as number[][];
        const total = path.slice(1).reduce((s, c) => s + cost[indexOf(l, c)], 0);
        expect(total).toBe(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('answers obstacle-free lattices in closed form, wrapping the short way', () => {
    const l = createLattice({ shape: [10, 7], boundary: 'periodic' });
    const r = findPath(l, [1, 1], [8, 5]);
    expect(r).toMatchObject({ algorithm: 'closed_form', distance: 3 + 3, hops: 6, visited: 0, path_truncated: false });
    expect(r.path).toEqual([
      [1, 1],
      [0, 1],
      [9, 1],
      [8, 1],
      [8, 0],
      [8, 6],
      [8, 5],
    ]);
  });

  it('returns a truncated prefix of a path longer than maxPathLength', () => {
    const l = createLattice({ shape: [1000, 1000, 1000, 1000] });
    const r = findPath(l, [0, 0, 0, 0], [999, 999, 999, 999], 'auto', { maxPathLength: 10 });
    expect(r).toMatchObject({ distance: 3996, hops: 3996, path_truncated: true });
    expect(r.path).toHaveLength(10);
    expect(r.path?.[9]).toEqual([9, 0, 0, 0]);
  });

  it('searches huge lattices with obstacles in memory proportional to what it visits', () => {
    const l = createLattice({ shape: [1000, 1000, 1000], obstacles: { density: 0.2, seed: 5 } });
    const free = (c: number[]): number[] => (isBlocked(l, indexOf(l, c)) ? free([c[0] + 1, c[1], c[2]]) : c);
    const [start, end] = [free([500, 500, 500]), free([506, 503, 490])];
    const results = (['bfs', 'bidirectional', 'astar'] as const).map((a) => findPath(l, start, end, a));
    expect(results[0].reachable).toBe(true);
    for (const r of results) expect(r.distance).toBe(results[0].distance);
    expect(results[2].visited).toBeLessThan(results[0].visited);
    expectCode(() => findPath(l, [0, 0, 0], [999, 999, 999], 'bfs', { maxMaterializedVertices: 1000 }), 'budget_exceeded');
  });

  it('validates inputs', () => {
    const l = createLattice({ shape: [4, 4], obstacles: { coordinates: [[1, 1]] } });
    expectCode(() => findPath(l, [1, 1], [3, 3]), 'invalid_coordinates');
    expectCode(() => findPath(l, [0, 0], [1, 1]), 'invalid_coordinates');
    expectCode(() => findPath(l, [0], [3, 3]), 'invalid_coordinates');
    expectCode(() => findPath(l, [0, 0], [4, 3]), 'invalid_coordinates');
    expectCode(() => findPath(l, [0, 0], [3, 3], 'warp' as PathAlgorithm), 'invalid_parameter');
    expectCode(() => findPath(l, [0, 0], [3, 3], 'closed_form'), 'invalid_parameter');
    expectCode(() => findPath(l, [0, 0], [3, 3], 'auto', { maxPathLength: 0 }), 'invalid_parameter');
    l.field = Float64Array.from({ length: 16 }, (_, i) => (i === 5 ? -1 : 1));
    expectCode(() => findPath(l, [0, 0], [3, 3], 'dijkstra'), 'invalid_parameter');
    const controller = new AbortController();
    controller.abort();
    const big = createLattice({ shape: [300, 300], obstacles: { density: 0.1, seed: 1 } });
    expectCode(() => findPath(big, [0, 0], [299, 299], 'bfs', { signal: controller.signal }), 'aborted');
  });

  it('estimates cost without running', () => {
    const free = createLattice({ shape: [100, 100] });
    expect(estimateFindPath(free, { start: [0, 0], end: [99, 99] }).materializedVertices).toBe(0);
    const blocked = createLattice({ shape: [100, 100], obstacles: { density: 0.1, seed: 2 } });
    expect(estimateFindPath(blocked, { start: [0, 1], end: [99, 98], algorithm: 'bfs' }).work).toBeGreaterThan(10000);
  });
});
