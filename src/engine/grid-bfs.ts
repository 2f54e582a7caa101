import { throwIfAborted, type RunOptions } from './cost.js';
import { assertMaterializable, obstacleBitset, type Lattice } from './lattice.js';

/*
 * The breadth-first kernel shared by distances, components and analyze. It
 * works on two Int32Arrays of length V (8 bytes per vertex in all):
 *   dist:  −1 free and unvisited, −2 obstacle, ≥ 0 the BFS level;
 *   queue: vertices in visiting order, each enqueued at most once.
 * Obstacles are stamped into dist up front so the inner loop tests one array.
 */

export const UNVISITED = -1;
const BLOCKED = -2;

/** Per-vertex BFS state for a materialised lattice; blocked = obstacle count. */
export interface BfsArrays {
  dist: Int32Array;
  queue: Int32Array;
  blocked: number;
}

/** Allocates dist/queue with obstacles stamped; O(V). Checks the budget first. */
export function allocateBfs(l: Lattice, opts: RunOptions, what: string): BfsArrays {
  assertMaterializable(l, opts.maxMaterializedVertices, what);
  const V = l.vertexCount;
  const dist = new Int32Array(V).fill(UNVISITED);
  const bits = obstacleBitset(l, opts.maxMaterializedVertices);
  let blocked = 0;
  bits?.forEachSet((i) => {
    dist[i] = BLOCKED;
    blocked++;
  });
  return { dist, queue: new Int32Array(V), blocked };
}

/**
 * A BFS kernel: expands queue[head..tail) and returns the new tail; stops
 * early once `target` (≥ 0) is labelled; tick(head) runs every 65 536 pops.
 */
type Kernel = (
  dist: Int32Array,
  queue: Int32Array,
  head: number,
  tail: number,
  maxDistance: number,
  tick: (head: number) => void,
  target: number,
) => number;

/**
 * Expands queue[head..tail) breadth-first until the queue drains, the next
 * level would exceed maxDistance, or `target` (when ≥ 0) has a label;
 * returns the new tail. O(V·d).
 */
export function bfsSweep(
  l: Lattice,
  dist: Int32Array,
  queue: Int32Array,
  head: number,
  tail: number,
  maxDistance: number,
  opts: RunOptions,
  target = -1,
): number {
  const V = l.vertexCount;
  const tick = (at: number): void => {
    throwIfAborted(opts.signal);
    opts.onProgress?.(at / V);
  };
  return kernelFor(l)(dist, queue, head, tail, maxDistance, tick, target);
}

const kernels = new Map<string, Kernel>();
const KERNEL_CACHE_SIZE = 64;

/** Whether this process may compile code (a Content-Security-Policy or --disallow-code-generation-from-strings forbids it). */
const CODEGEN_AVAILABLE = ((): boolean => {
  try {
    return new Function('return true')() as boolean;
  } catch {
    return false;
  }
})();

/**
 * A kernel specialised to the lattice's shape. Division by a constant
 * compiles to a multiply and shift, which makes the coordinate decoding —
 * most of the per-vertex cost — about twice as fast as dividing by a value
 * read from an array. The generated source contains only integers taken from
 * a validated lattice. Where code generation is disabled, the generic kernel runs.
 */
function kernelFor(l: Lattice): Kernel {
  if (!CODEGEN_AVAILABLE) return genericKernel(l);
  const key = `${l.boundary}:${l.shape.join(',')}`;
  let kernel = kernels.get(key);
  if (kernel === undefined) {
    kernel = compileKernel(l);
    if (kernels.size >= KERNEL_CACHE_SIZE) kernels.delete(kernels.keys().next().value as string);
    kernels.set(key, kernel);
  }
  return kernel;
}

/** Labels neighbour `u` when free and unvisited. */
const VISIT = (u: string): string => `if (dist[${u}] === ${UNVISITED}) { dist[${u}] = nd; queue[tail++] = ${u}; }`;

/**
 * One neighbour step: on open sides the step exists only when `inside`
 * holds; on periodic sides it wraps to `wrapped` instead.
 */
function step(periodic: boolean, inside: string, neighbour: string, wrapped: string): string {
  if (periodic) return `u = ${inside} ? ${neighbour} : ${wrapped}; ${VISIT('u')}`;
  return `if (${inside}) { u = ${neighbour}; ${VISIT('u')} }`;
}

/** Source of a kernel with every side, stride and wrap offset as a literal. */
function kernelSource(l: Lattice): string {
  const periodic = l.boundary === 'periodic';
  const lines: string[] = [];
  for (let k = l.dimensions - 1; k >= 1; k--) {
    const n = l.shape[k];
    const s = l.strides[k];
    const w = (n - 1) * s;
    lines.push(
      `q = (rest / ${n}) | 0; c = rest - q * ${n}; rest = q;`,
      step(periodic, 'c > 0', `v - ${s}`, `v + ${w}`),
      step(periodic, `c < ${n - 1}`, `v + ${s}`, `v - ${w}`),
    );
  }
  // Dimension 0 needs no decoding: its neighbours exist iff the index stays in [0, V).
  const s0 = l.strides[0];
  const w0 = (l.shape[0] - 1) * s0;
  lines.push(step(periodic, `v >= ${s0}`, `v - ${s0}`, `v + ${w0}`), step(periodic, `v < ${l.vertexCount - s0}`, `v + ${s0}`, `v - ${w0}`));
  return `
    while (head < tail) {
      if ((head & 0xffff) === 0) tick(head);
      if (target >= 0 && dist[target] !== ${UNVISITED}) break;
      const v = queue[head++];
      const nd = dist[v] + 1;
      if (nd > maxDistance) break;
      let rest = v, q = 0, c = 0, u = 0;
      ${lines.join('\n      ')}
    }
    return tail;`;
}

function compileKernel(l: Lattice): Kernel {
  return new Function('dist', 'queue', 'head', 'tail', 'maxDistance', 'tick', 'target', kernelSource(l)) as Kernel;
}

/** The same kernel reading sides and strides from arrays; used where code generation is unavailable. */
export function genericKernel(l: Lattice): Kernel {
  const d = l.dimensions;
  const V = l.vertexCount;
  const periodic = l.boundary === 'periodic';
  const side = Int32Array.from(l.shape);
  const stride = Int32Array.from(l.strides);
  const wrap = Int32Array.from(l.shape, (n, k) => (n - 1) * l.strides[k]);
  const s0 = stride[0];
  const w0 = wrap[0];
  const lastRow = V - s0;
  return (dist, queue, head, tail, maxDistance, tick, target) => {
    while (head < tail) {
      if ((head & 0xffff) === 0) tick(head);
      if (target >= 0 && dist[target] !== UNVISITED) break;
      const v = queue[head++];
      const nd = dist[v] + 1;
      if (nd > maxDistance) break;
      let rest = v;
      for (let k = d - 1; k >= 1; k--) {
        const n = side[k];
        const q = (rest / n) | 0;
        const c = rest - q * n;
        rest = q;
        const s = stride[k];
        let u = c > 0 ? v - s : periodic ? v + wrap[k] : -1;
        if (u >= 0 && dist[u] === UNVISITED) {
          dist[u] = nd;
          queue[tail++] = u;
        }
        u = c < n - 1 ? v + s : periodic ? v - wrap[k] : -1;
        if (u >= 0 && dist[u] === UNVISITED) {
          dist[u] = nd;
          queue[tail++] = u;
        }
      }
      let u = v >= s0 ? v - s0 : periodic ? v + w0 : -1;
      if (u >= 0 && dist[u] === UNVISITED) {
        dist[u] = nd;
        queue[tail++] = u;
      }
      u = v < lastRow ? v + s0 : periodic ? v - w0 : -1;
      if (u >= 0 && dist[u] === UNVISITED) {
        dist[u] = nd;
        queue[tail++] = u;
      }
    }
    return tail;
  };
}
