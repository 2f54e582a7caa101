import { throwIfAborted, type CostEstimate, type RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import { bfsSweep, UNVISITED, type BfsArrays } from './grid-bfs.js';
import { sweepComponents } from './components.js';
import { hasObstacles, implicitBytes, type Lattice } from './lattice.js';

/** Exact diameters with obstacles run one BFS per free vertex while Σ component size² stays below this. */
export const DEFAULT_EXACT_DIAMETER_WORK = 2 ** 24;
/** BFS sweeps used for the diameter lower bound on larger lattices. */
const LOWER_BOUND_SWEEPS = 4;

export interface AnalyzeOptions extends RunOptions {
  /** Vertex visits allowed for an exact diameter with obstacles (default 2^24). */
  exactDiameterWork?: number;
}

export interface LatticeMemory {
  /** Bytes this engine holds for the lattice (see implicitBytes). */
  implicit_bytes: number;
  /** Bytes of a CSR adjacency: (V+1) 8-byte offsets and 2E column indices of 4 bytes (8 past 2^32 vertices). */
  explicit_csr_bytes: number;
  reduction_factor: number;
}

export interface AnalyzeResult {
  vertices: number;
  /** Edges between free vertices. */
  edges: number;
  obstacles: number;
  free_vertices: number;
  /** Degree statistics over free vertices. */
  degree: { min: number; max: number; mean: number };
  /** Largest finite distance between free vertices (over all components). */
  diameter: number;
  diameter_exact: boolean;
  diameter_method: 'closed_form' | 'exact_sweep' | 'double_sweep_lower_bound';
  bipartite: boolean;
  components: number;
  memory: LatticeMemory;
  method: 'closed_form' | 'bfs';
}

/** Computed memory figures for the lattice; edges defaults to the obstacle-free count. O(1). */
export function latticeMemory(l: Lattice, edges: number = l.edgeCount): LatticeMemory {
  const implicit = implicitBytes(l);
  const V = l.vertexCount;
  const explicit = (V + 1) * 8 + 2 * edges * (V > 2 ** 32 ? 8 : 4);
  return { implicit_bytes: implicit, explicit_csr_bytes: explicit, reduction_factor: explicit / implicit };
}

function closedForm(l: Lattice): AnalyzeResult {
  const periodic = l.boundary === 'periodic';
  let min = 0;
  let max = 0;
  let diameter = 0;
  let bipartite = true;
  for (const n of l.shape) {
    // Per dimension a vertex has 1 neighbour at an open end or on a side of 2, else 2.
    min += periodic && n > 2 ? 2 : 1;
    max += n > 2 ? 2 : 1;
    diameter += periodic ? Math.floor(n / 2) : n - 1;
    if (periodic && n % 2 === 1) bipartite = false;
  }
  return {
    vertices: l.vertexCount,
    edges: l.edgeCount,
    obstacles: 0,
    free_vertices: l.vertexCount,
    degree: { min, max, mean: (2 * l.edgeCount) / l.vertexCount },
    diameter,
    diameter_exact: true,
    diameter_method: 'closed_form',
    bipartite,
    components: 1,
    memory: latticeMemory(l),
    method: 'closed_form',
  };
}

/**
 * One pass in index order with an odometer for coordinates: degrees of free
 * vertices, and a 2-colouring check against the BFS levels left by the
 * component sweep (a graph is bipartite iff no edge joins equal parities).
 */
function degreePass(
  l: Lattice,
  dist: Int32Array,
  signal: AbortSignal | undefined,
): { min: number; max: number; sum: number; bipartite: boolean } {
  const d = l.dimensions;
  const periodic = l.boundary === 'periodic';
  const coords = new Int32Array(d);
  let min = Infinity;
  let max = 0;
  let sum = 0;
  let bipartite = true;
  for (let v = 0; v < dist.length; v++) {
    if ((v & 0xffff) === 0) throwIfAborted(signal);
    const level = dist[v];
    if (level >= 0) {
      let degree = 0;
      for (let k = 0; k < d; k++) {
        const n = l.shape[k];
        const s = l.strides[k];
        const c = coords[k];
        const down = c > 0 ? v - s : periodic ? v + (n - 1) * s : -1;
        const up = c < n - 1 ? v + s : periodic ? v - (n - 1) * s : -1;
        // On a periodic side of 2 both directions reach the same single neighbour.
        for (let j = down === up ? 1 : 0; j < 2; j++) {
          const u = j === 0 ? down : up;
          if (u < 0 || dist[u] < 0) continue;
          degree++;
          if (((dist[u] ^ level) & 1) === 0) bipartite = false;
        }
      }
      min = Math.min(min, degree);
      max = Math.max(max, degree);
      sum += degree;
    }
    for (let k = d - 1; k >= 0; k--) {
      if (++coords[k] < l.shape[k]) break;
      coords[k] = 0;
    }
  }
  return { min: min === Infinity ? 0 : min, max, sum, bipartite };
}

/** BFS from `source` after clearing the previous run's labels; returns [eccentricity, farthest vertex, labelled count]. */
function eccentricity(l: Lattice, arrays: BfsArrays, source: number, lastTail: number, opts: RunOptions): [number, number, number] {
  const { dist, queue } = arrays;
  for (let j = 0; j < lastTail; j++) dist[queue[j]] = UNVISITED;
  dist[source] = 0;
  queue[0] = source;
  const tail = bfsSweep(l, dist, queue, 0, 1, Infinity, opts);
  const far = queue[tail - 1];
  return [dist[far], far, tail];
}

function diameterWithObstacles(
  l: Lattice,
  arrays: BfsArrays,
  sizes: number[],
  roots: number[],
  opts: AnalyzeOptions,
): { diameter: number; exact: boolean } {
  const { dist } = arrays;
  // The component sweep labelled every free vertex; clear them all once.
  let lastTail = l.vertexCount - arrays.blocked;
  const quiet: RunOptions = { signal: opts.signal };
  const work = sizes.reduce((a, s) => a + s * s, 0);
  if (work <= (opts.exactDiameterWork ?? DEFAULT_EXACT_DIAMETER_WORK)) {
    const free: number[] = [];
    for (let v = 0; v < dist.length; v++) if (dist[v] >= 0) free.push(v);
    let diameter = 0;
    for (const v of free) {
      const [ecc, , tail] = eccentricity(l, arrays, v, lastTail, quiet);
      diameter = Math.max(diameter, ecc);
      lastTail = tail;
    }
    return { diameter, exact: true };
  }
  let largest = 0;
  for (let j = 1; j < sizes.length; j++) if (sizes[j] > sizes[largest]) largest = j;
  let source = roots[largest];
  let diameter = 0;
  for (let sweep = 0; sweep < LOWER_BOUND_SWEEPS; sweep++) {
    const [ecc, far, tail] = eccentricity(l, arrays, source, lastTail, quiet);
    diameter = Math.max(diameter, ecc);
    lastTail = tail;
    source = far;
  }
  return { diameter, exact: false };
}

/**
 * Structure of the lattice: O(d) closed forms without obstacles; with
 * obstacles a component sweep and a degree pass, O(V·d), plus diameter sweeps.
 */
export function analyzeLattice(l: Lattice, opts: AnalyzeOptions = {}): AnalyzeResult {
  const limit = opts.exactDiameterWork;
  if (limit !== undefined && (typeof limit !== 'number' || Number.isNaN(limit) || limit < 0)) {
    throw new EngineError('invalid_parameter', 'exactDiameterWork must be a non-negative number', { limit });
  }
  if (!hasObstacles(l)) return closedForm(l);
  const { arrays, sizes, roots } = sweepComponents(l, opts, 'analysis');
  const degrees = degreePass(l, arrays.dist, opts.signal);
  const edges = degrees.sum / 2;
  const free = l.vertexCount - arrays.blocked;
  const { diameter, exact } = free === 0 ? { diameter: 0, exact: true } : diameterWithObstacles(l, arrays, sizes, roots, opts);
  opts.onProgress?.(1);
  return {
    vertices: l.vertexCount,
    edges,
    obstacles: arrays.blocked,
    free_vertices: free,
    degree: { min: degrees.min, max: degrees.max, mean: free === 0 ? 0 : degrees.sum / free },
    diameter,
    diameter_exact: exact,
    diameter_method: exact ? 'exact_sweep' : 'double_sweep_lower_bound',
    bipartite: degrees.bipartite,
    components: sizes.length,
    memory: latticeMemory(l, edges),
    method: 'bfs',
  };
}

/** Cost of analyzeLattice: O(d) without obstacles; else 8 bytes per vertex and a few BFS passes. */
export function estimateAnalyze(l: Lattice): CostEstimate {
  if (!hasObstacles(l)) {
    return { operation: 'analyze', work: l.dimensions, bytes: 0, materializedVertices: 0, parallelizable: false };
  }
  const V = l.vertexCount;
  const passes = V * V <= DEFAULT_EXACT_DIAMETER_WORK ? V : 2 + LOWER_BOUND_SWEEPS;
  return {
    operation: 'analyze',
    // Each pass is a kernel BFS and a scan of the labels: twice the kernel's work.
    work: 2 * V * (2 * l.dimensions + 1) * passes,
    // dist + queue, the obstacle bitset, and the components' sizes and roots.
    bytes: 8.125 * V + 16 * Math.ceil(V / 2),
    materializedVertices: V,
    parallelizable: false,
  };
}
