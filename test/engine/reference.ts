// Deliberately simple reference model for the engine tests: explicit
// adjacency lists built from coordinates, textbook BFS, Dijkstra and
// union-find. Shares no code with src/engine so that the two can disagree.
import fc from 'fast-check';
import type { Boundary, ObstacleSpec } from '../../src/engine/lattice.js';

export interface RefGraph {
  shape: number[];
  boundary: Boundary;
  vertices: number;
  coords: number[][];
  /** Distinct neighbours per vertex in the obstacle-free graph. */
  adj: number[][];
  blocked: boolean[];
}

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 output number index+1 for the seed, high 32 bits, in BigInt. */
export function refSplitmix(seed: number, index: number): number {
  let z = (BigInt.asUintN(64, BigInt(seed)) + BigInt(index + 1) * 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  z ^= z >> 31n;
  return Number(z >> 32n);
}

export function refIndex(shape: readonly number[], coords: readonly number[]): number {
  let index = 0;
  for (let k = 0; k < shape.length; k++) index = index * shape[k] + coords[k];
  return index;
}

function allCoords(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) {
    const next: number[][] = [];
    for (const prefix of out) for (let c = 0; c < n; c++) next.push([...prefix, c]);
    out = next;
  }
  return out;
}

export function refGraph(shape: number[], boundary: Boundary, obstacles: ObstacleSpec | null): RefGraph {
  const coords = allCoords(shape);
  const adj = coords.map((c) => {
    const set = new Set<number>();
    for (let k = 0; k < shape.length; k++) {
      for (const step of [-1, 1]) {
        let x = c[k] + step;
        if (boundary === 'periodic') x = (x + shape[k]) % shape[k];
        else if (x < 0 || x >= shape[k]) continue;
        const other = c.slice();
        other[k] = x;
        set.add(refIndex(shape, other));
      }
    }
    return [...set].sort((a, b) => a - b);
  });
  const blocked = coords.map(() => false);
  if (obstacles !== null) {
    if ('coordinates' in obstacles) {
      for (const c of obstacles.coordinates) blocked[refIndex(shape, c)] = true;
    } else {
      for (let i = 0; i < coords.length; i++) blocked[i] = refSplitmix(obstacles.seed, i) / 2 ** 32 < obstacles.density;
    }
  }
  return { shape, boundary, vertices: coords.length, coords, adj, blocked };
}

export function refEdges(g: RefGraph, freeOnly: boolean): number {
  let twice = 0;
  g.adj.forEach((list, v) => {
    if (freeOnly && g.blocked[v]) return;
    for (const u of list) if (!freeOnly || !g.blocked[u]) twice++;
  });
  return twice / 2;
}

/** Multi-source BFS over free vertices; −1 for unreachable and blocked. */
export function refBfs(g: RefGraph, sources: number[]): number[] {
  const dist = new Array<number>(g.vertices).fill(-1);
  const queue: number[] = [];
  for (const s of sources) {
    if (dist[s] === -1) {
      dist[s] = 0;
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const u of g.adj[v]) {
      if (dist[u] === -1 && !g.blocked[u]) {
        dist[u] = dist[v] + 1;
        queue.push(u);
      }
    }
  }
  return dist;
}

/** O(V²) Dijkstra where entering u costs cost[u]; Infinity when unreachable. */
export function refDijkstra(g: RefGraph, source: number, cost: readonly number[]): number[] {
  const dist = new Array<number>(g.vertices).fill(Infinity);
  const done = new Array<boolean>(g.vertices).fill(false);
  dist[source] = 0;
  for (;;) {
    let v = -1;
    for (let i = 0; i < g.vertices; i++) if (!done[i] && dist[i] < Infinity && (v < 0 || dist[i] < dist[v])) v = i;
    if (v < 0) return dist;
    done[v] = true;
    for (const u of g.adj[v]) {
      if (!g.blocked[u] && dist[v] + cost[u] < dist[u]) dist[u] = dist[v] + cost[u];
    }
  }
}

/** Component sizes of the free vertices by union-find, largest first. */
export function refComponents(g: RefGraph): number[] {
  const parent = g.coords.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  g.adj.forEach((list, v) => {
    if (g.blocked[v]) return;
    for (const u of list) if (!g.blocked[u]) parent[find(u)] = find(v);
  });
  const sizes = new Map<number, number>();
  for (let v = 0; v < g.vertices; v++) if (!g.blocked[v]) sizes.set(find(v), (sizes.get(find(v)) ?? 0) + 1);
  return [...sizes.values()].sort((a, b) => b - a);
}

/** 2-colouring by BFS over every component. */
export function refBipartite(g: RefGraph): boolean {
  const colour = new Array<number>(g.vertices).fill(-1);
  for (let s = 0; s < g.vertices; s++) {
    if (g.blocked[s] || colour[s] !== -1) continue;
    colour[s] = 0;
    const queue = [s];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      for (const u of g.adj[v]) {
        if (g.blocked[u]) continue;
        if (colour[u] === -1) {
          colour[u] = 1 - colour[v];
          queue.push(u);
        } else if (colour[u] === colour[v]) return false;
      }
    }
  }
  return true;
}

/** Largest finite distance between free vertices. */
export function refDiameter(g: RefGraph): number {
  let best = 0;
  for (let v = 0; v < g.vertices; v++) {
    if (g.blocked[v]) continue;
    for (const x of refBfs(g, [v])) best = Math.max(best, x);
  }
  return best;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending. */
export function jacobiEigenvalues(matrix: number[][]): number[] {
  const n = matrix.length;
  const a = matrix.map((row) => row.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]).sort((x, y) => x - y);
}

export function laplacian(g: RefGraph): number[][] {
  return g.adj.map((list, v) => {
    const row = new Array<number>(g.vertices).fill(0);
    row[v] = list.length;
    for (const u of list) row[u] -= 1;
    return row;
  });
}

/** A random small lattice definition: 1–4 dimensions, sides 2–6, both boundaries, both obstacle kinds. */
export const arbLatticeDef = (maxVertices = 400) =>
  fc
    .record({
      shape: fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 1, maxLength: 4 }),
      boundary: fc.constantFrom<Boundary>('open', 'periodic'),
      kind: fc.constantFrom('none', 'density', 'coordinates'),
      density: fc.double({ min: 0, max: 0.5, noNaN: true }),
      seed: fc.integer({ min: -1e9, max: 1e9 }),
      picks: fc.array(fc.nat(), { maxLength: 12 }),
    })
    .filter((r) => r.shape.reduce((a, b) => a * b, 1) <= maxVertices)
    .map((r) => {
      let obstacles: ObstacleSpec | null = null;
      if (r.kind === 'density') obstacles = { density: r.density, seed: r.seed };
      if (r.kind === 'coordinates') {
        obstacles = { coordinates: r.picks.map((p) => decode(r.shape, p % r.shape.reduce((a, b) => a * b, 1))) };
      }
      return { shape: r.shape, boundary: r.boundary, obstacles };
    });

export function decode(shape: readonly number[], index: number): number[] {
  const out = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = index % shape[k];
    index = Math.floor(index / shape[k]);
  }
  return out;
}

/** Index of the first free vertex at or after `from` (cyclically), or −1. */
export function freeVertexNear(g: RefGraph, from: number): number {
  for (let j = 0; j < g.vertices; j++) {
    const v = (from + j) % g.vertices;
    if (!g.blocked[v]) return v;
  }
  return -1;
}
