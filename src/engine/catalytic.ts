import { checksum } from './checksum.js';
import type { CostEstimate, RunOptions } from './cost.js';
import { throwIfAborted } from './cost.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';
import { assertMaterializable, forEachObstacle, indexOf, isBlocked } from './lattice.js';

/*
 * Catalytic mode: an operation borrows an auxiliary buffer with arbitrary
 * contents (another lattice's field, say), works in it, and hands it back bit
 * for bit. A buffer of random bits has no room for new information that can
 * later be read back: XOR-ing a flag into an unknown bit cannot be undone
 * without knowing that bit. So the borrowed space is used by *exchange*: data
 * is swapped into the buffer and the displaced bits are parked in output
 * slots that are known to be empty until the operation fills them.
 *
 * catalyticDistanceField is a multi-source BFS whose queue (4 bytes per
 * reached vertex, the usual O(V) working memory) lives in the borrowed
 * buffer's 32-bit lanes:
 *   enqueue w at slot t: park the lane's low 31 bits in dist[w] (w's output
 *     slot, empty until w is finalised; the parked value is ≥ 0, so w reads as
 *     discovered), and write w into those 31 bits (vertex ids < 2^31);
 *   pop slot h holding v: put the parked bits back into the lane, then write
 *     v's final distance into dist[v].
 * Obstacles are stamped −2 into the output first (−1 again at the end, as in
 * distanceField), so "undiscovered" is dist = −1 and nothing else is needed.
 * Every slot that is written is popped, so the buffer ends as it began; an
 * abort pops (restores) the rest before throwing. Working memory besides the
 * output is O(1); time O(V·d), as the ordinary BFS.
 */

export interface CatalyticReport {
  /** Bytes of the borrowed buffer. */
  aux_bytes: number;
  /** Bytes of it the operation actually exchanged (4 per queued vertex). */
  aux_bytes_used: number;
  /** Per-vertex working memory besides the output and the borrowed buffer. */
  clean_bytes: number;
  checksum_before: string;
  checksum_after: string;
  /** checksum_after === checksum_before. */
  restored: boolean;
}

export interface CatalyticDistanceResult {
  result: {
    /** Hops to the nearest source; −1 for obstacles and unreached vertices (as distanceField). */
    distances: Int32Array;
    sources: number[];
    reached: number;
    /** Obstacle vertices. */
    blocked: number;
    max_distance: number;
  };
  catalytic: CatalyticReport;
}

const LOW31 = 0x7fffffff;
const TOP = 0x80000000;
/** Output-tape states before a vertex is queued; a queued vertex holds parked bits (≥ 0). */
const FREE = -1;
const BLOCKED = -2;

/** Cost of catalyticDistanceField: BFS work, the 4-byte-per-vertex output, and a borrowed buffer of ≥ 4·V bytes. */
export function estimateCatalyticDistanceField(l: Lattice): CostEstimate {
  return {
    operation: 'catalytic_distances',
    work: l.vertexCount * (2 * l.dimensions + 1),
    bytes: 4 * l.vertexCount,
    materializedVertices: l.vertexCount,
    parallelizable: false,
  };
}

/** Smallest borrowed Float64Array length catalyticDistanceField accepts for `l`: one 32-bit lane per vertex. */
export function catalyticBufferLength(l: Lattice): number {
  return Math.ceil(l.vertexCount / 2);
}

/**
 * Multi-source BFS distances with the queue kept in `borrowed`, which is
 * returned bit-identical; O(V·d) time, O(1) working memory besides the output.
 */
export function catalyticDistanceField(
  l: Lattice,
  sources: number[][],
  borrowed: Float64Array,
  opts: RunOptions = {},
): CatalyticDistanceResult {
  if (!(borrowed instanceof Float64Array)) throw new EngineError('invalid_parameter', 'borrowed buffer must be a Float64Array');
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new EngineError('invalid_parameter', 'sources must be a non-empty list of coordinates');
  }
  const indices = sources.map((coords, k) => {
    const index = indexOf(l, coords, `source ${k}`);
    if (isBlocked(l, index)) {
      throw new EngineError('invalid_coordinates', 'source vertex is an obstacle', { source: k, coordinates: coords });
    }
    return index;
  });
  assertMaterializable(l, opts.maxMaterializedVertices, 'catalytic distance field');
  if (borrowed.length < catalyticBufferLength(l)) {
    throw new EngineError('invalid_parameter', `borrowed buffer needs at least ${catalyticBufferLength(l)} values`, {
      needed: catalyticBufferLength(l),
      got: borrowed.length,
    });
  }
  const lanes = new Uint32Array(borrowed.buffer, borrowed.byteOffset, borrowed.length * 2);
  const before = checksum(borrowed);
  const dist = new Int32Array(l.vertexCount).fill(FREE);
  // Obstacles are stamped into the output tape, so the sweep tests one array and needs no bitset.
  let blocked = 0;
  forEachObstacle(l, (v) => {
    dist[v] = BLOCKED;
    blocked++;
  });
  const queue = { lanes, dist, head: 0, tail: 0 };
  for (const s of indices) if (dist[s] === FREE) enqueue(queue, s);
  let maxDistance = 0;
  try {
    maxDistance = sweep(l, queue, opts);
  } finally {
    // Only an abort leaves slots queued; popping them restores their bits.
    while (queue.head < queue.tail) pop(queue);
  }
  for (let v = 0; v < dist.length; v++) if (dist[v] === BLOCKED) dist[v] = FREE;
  const after = checksum(borrowed);
  return {
    result: { distances: dist, sources: indices, reached: queue.tail, blocked, max_distance: maxDistance },
    catalytic: {
      aux_bytes: borrowed.byteLength,
      aux_bytes_used: 4 * queue.tail,
      clean_bytes: 0,
      checksum_before: before,
      checksum_after: after,
      restored: before === after,
    },
  };
}

interface BorrowedQueue {
  lanes: Uint32Array;
  dist: Int32Array;
  head: number;
  tail: number;
}

function enqueue(q: BorrowedQueue, w: number): void {
  const lane = q.lanes[q.tail];
  q.dist[w] = lane & LOW31;
  q.lanes[q.tail++] = ((lane & TOP) | w) >>> 0;
}

/** Pops the head slot, restoring its borrowed bits; returns its vertex (whose dist slot is then free). */
function pop(q: BorrowedQueue): number {
  const lane = q.lanes[q.head];
  const v = lane & LOW31;
  q.lanes[q.head++] = ((lane & TOP) | q.dist[v]) >>> 0;
  return v;
}

/** Drains the queue level by level; returns the largest distance. */
function sweep(l: Lattice, q: BorrowedQueue, opts: RunOptions): number {
  const { dist } = q;
  const d = l.dimensions;
  const periodic = l.boundary === 'periodic';
  let level = 0;
  let levelEnd = q.tail;
  while (q.head < q.tail) {
    if ((q.head & 0xfff) === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.(q.head / l.vertexCount);
    }
    if (q.head === levelEnd) {
      level++;
      levelEnd = q.tail;
    }
    const v = pop(q);
    dist[v] = level;
    let rest = v;
    for (let k = d - 1; k >= 0; k--) {
      const n = l.shape[k];
      const s = l.strides[k];
      const quotient = Math.floor(rest / n);
      const c = rest - quotient * n;
      rest = quotient;
      // Wrapped neighbours on a periodic side of 2 coincide with the direct one; the dist test skips the repeat.
      const down = c > 0 ? v - s : periodic ? v + (n - 1) * s : -1;
      const up = c < n - 1 ? v + s : periodic ? v - (n - 1) * s : -1;
      if (down >= 0 && dist[down] === FREE) enqueue(q, down);
      if (up >= 0 && dist[up] === FREE) enqueue(q, up);
    }
  }
  opts.onProgress?.(1);
  return level;
}
