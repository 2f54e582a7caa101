import { throwIfAborted, type CostEstimate, type RunOptions } from './cost.js';
import { EngineError } from './errors.js';
import type { Lattice } from './lattice.js';

/*
 * Recursive coordinate bisection into boxes. A box is half-open:
 * lo[k] ≤ c_k < hi[k]. Only boxes are produced, never per-vertex arrays, so
 * any lattice can be partitioned; the cut is counted exactly from the boxes
 * on the obstacle-free graph, periodic wrap edges included.
 */

export const MAX_PARTS = 65_536;

export interface PartitionBox {
  id: number;
  lo: number[];
  hi: number[];
  vertices: number;
}

export interface PartitionResult {
  parts: PartitionBox[];
  /** Edges of the obstacle-free graph whose ends lie in different boxes. */
  cut_edges: number;
  /** Largest box over the mean box size (1 is perfect). */
  balance: number;
}

interface Split {
  dim: number;
  cut: number;
  leftParts: number;
  score: number;
  face: number;
}

function volume(lo: readonly number[], hi: readonly number[]): number {
  let v = 1;
  for (let k = 0; k < lo.length; k++) v *= hi[k] - lo[k];
  return v;
}

/**
 * Best split of a box holding `parts` parts: tries cuts near the balanced
 * position on every dimension and gives each side the part count that best
 * matches its volume. Scored by the larger per-part load, then by the
 * smaller cut face. Every candidate keeps at least one vertex per part, so
 * recursion always ends with non-empty boxes.
 */
function bestSplit(lo: readonly number[], hi: readonly number[], parts: number): Split {
  const vol = volume(lo, hi);
  const best: Split = { dim: -1, cut: 0, leftParts: 0, score: Infinity, face: Infinity };
  const half = Math.floor(parts / 2);
  for (let k = 0; k < lo.length; k++) {
    const len = hi[k] - lo[k];
    if (len < 2) continue;
    const face = vol / len;
    // Candidate cuts: either side of the position that would give ⌊p/2⌋ or ⌈p/2⌉ parts an equal share.
    for (let candidate = 0; candidate < 4; candidate++) {
      const ideal = (len * (half + (candidate >> 1) * (parts % 2))) / parts;
      const raw = candidate % 2 === 0 ? Math.floor(ideal) : Math.ceil(ideal);
      const cut = Math.min(len - 1, Math.max(1, raw));
      const left = cut * face;
      const right = vol - left;
      const lowest = Math.max(1, parts - right);
      const highest = Math.min(parts - 1, left);
      const share = (parts * left) / vol;
      for (let round = 0; round < 2; round++) {
        const guess = round === 0 ? Math.floor(share) : Math.ceil(share);
        const leftParts = Math.min(highest, Math.max(lowest, guess));
        const score = Math.max(left / leftParts, right / (parts - leftParts));
        if (score < best.score || (score === best.score && face < best.face)) {
          best.dim = k;
          best.cut = cut;
          best.leftParts = leftParts;
          best.score = score;
          best.face = face;
        }
      }
    }
  }
  return best;
}

/** Internal edges of a box: a full periodic side of n ≥ 3 keeps its n wrap-closed edges per line. */
function internalEdges(l: Lattice, lo: readonly number[], hi: readonly number[]): number {
  const vol = volume(lo, hi);
  let edges = 0;
  for (let k = 0; k < l.dimensions; k++) {
    const len = hi[k] - lo[k];
    const n = l.shape[k];
    const perLine = l.boundary === 'periodic' && len === n && n > 2 ? n : len - 1;
    edges += (vol / len) * perLine;
  }
  return edges;
}

function checkParts(l: Lattice, parts: unknown): number {
  if (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 1 || parts > MAX_PARTS) {
    throw new EngineError('invalid_parameter', `parts must be an integer in [1, ${MAX_PARTS}]`, { parts });
  }
  if (parts > l.vertexCount) {
    throw new EngineError('invalid_parameter', 'parts must not exceed the vertex count', {
      parts,
      vertices: l.vertexCount,
    });
  }
  return parts;
}

/** Balanced box partition by recursive coordinate bisection; O(parts·d²), independent of V. */
export function partition(l: Lattice, parts: number, opts: RunOptions = {}): PartitionResult {
  const count = checkParts(l, parts);
  const boxes: PartitionBox[] = [];
  const stack: Array<{ lo: number[]; hi: number[]; parts: number }> = [
    { lo: new Array<number>(l.dimensions).fill(0), hi: l.shape.slice(), parts: count },
  ];
  while (stack.length > 0) {
    const box = stack.pop() as { lo: number[]; hi: number[]; parts: number };
    if (box.parts === 1) {
      if (boxes.length % 4096 === 0) {
        throwIfAborted(opts.signal);
        opts.onProgress?.(boxes.length / count);
      }
      boxes.push({ id: 0, lo: box.lo, hi: box.hi, vertices: volume(box.lo, box.hi) });
      continue;
    }
    const split = bestSplit(box.lo, box.hi, box.parts);
    const middle = box.lo[split.dim] + split.cut;
    const leftHi = box.hi.slice();
    leftHi[split.dim] = middle;
    const rightLo = box.lo.slice();
    rightLo[split.dim] = middle;
    // Right pushed first so boxes are listed depth-first, low side before high side.
    stack.push({ lo: rightLo, hi: box.hi, parts: box.parts - split.leftParts });
    stack.push({ lo: box.lo, hi: leftHi, parts: split.leftParts });
  }
  let internal = 0;
  let largest = 0;
  boxes.forEach((b, id) => {
    b.id = id;
    internal += internalEdges(l, b.lo, b.hi);
    largest = Math.max(largest, b.vertices);
  });
  return { parts: boxes, cut_edges: l.edgeCount - internal, balance: largest / (l.vertexCount / count) };
}

/** Cost of partition: proportional to the number of parts, no per-vertex memory. */
export function estimatePartition(l: Lattice, params: { parts: number }): CostEstimate {
  const parts = checkParts(l, params.parts);
  return {
    operation: 'partition',
    // Each split scores candidate cuts in every dimension: a few dozen units per cut tried.
    work: 64 * parts * l.dimensions * l.dimensions,
    bytes: parts * (64 + 16 * l.dimensions),
    materializedVertices: 0,
    parallelizable: false,
  };
}
