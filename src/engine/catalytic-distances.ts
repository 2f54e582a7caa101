import { catalyticDistanceField } from './catalytic.js';
import type { CostEstimate, RunOptions } from './cost.js';
import { checkMaxDistance, fieldResult, summarise, type DistanceFieldResult } from './distances.js';
import { ensureField } from './field.js';
import { hasObstacles, type Lattice } from './lattice.js';

/*
 * The `distances` operation in catalytic mode: catalyticDistanceField with
 * the lattice's own value field as its work tape (materialised first, like a
 * transform does, when the lattice has none). The answer is distanceField's,
 * field for field, with method 'catalytic_bfs' and a `catalytic` report whose
 * `restored` compares checksums of the tape taken before and after the run.
 */

/** Bytes of the per-distance counts for a lattice of diameter below `far` + 1. */
const histogramBytes = (far: number): number => 8 * (far + 1);

/** Clean bytes a queue BFS needs for this field: distances and a queue of V, the obstacle bitset, the histogram. */
function queueBfsBytes(l: Lattice, far: number): number {
  const V = l.vertexCount;
  return 8 * V + (hasObstacles(l) ? 4 * Math.ceil(V / 32) : 0) + histogramBytes(far);
}

/** Multi-source distances with the BFS queue on the lattice's field; O(V·d) time, 4 clean bytes per vertex. */
export function catalyticDistances(
  l: Lattice,
  params: { sources: number[][]; maxDistance?: number },
  opts: RunOptions,
): DistanceFieldResult & { catalytic: NonNullable<DistanceFieldResult['catalytic']> } {
  const maxDistance = checkMaxDistance(params.maxDistance);
  const tape = ensureField(l, opts);
  const run = catalyticDistanceField(l, params.sources, tape, opts);
  const { distances, sources, blocked } = run.result;
  const summary = summarise(distances, run.result.max_distance, maxDistance);
  const report = run.catalytic;
  return {
    ...fieldResult(l, { distances, sources, blocked, method: 'catalytic_bfs' }, params.sources, summary, maxDistance),
    catalytic: {
      tape_bytes: report.aux_bytes,
      tape_bytes_used: report.aux_bytes_used,
      clean_bytes: distances.byteLength + histogramBytes(run.result.max_distance),
      normal_clean_bytes: queueBfsBytes(l, run.result.max_distance),
      checksum_before: report.checksum_before,
      checksum_after: report.checksum_after,
      restored: report.restored,
    },
  };
}

/** Work per vertex against the queue BFS's neighbour test: coordinates decoded by division, queue slots exchanged. */
const CATALYTIC_WEIGHT = 3;

/** Cost of catalyticDistances: a BFS with an obstacle test per vertex; the distances, and the field if it must be made. */
export function estimateCatalyticDistances(l: Lattice): CostEstimate {
  const V = l.vertexCount;
  return {
    operation: 'distances.catalytic',
    work: V * (2 * l.dimensions + 1) * CATALYTIC_WEIGHT,
    bytes: 4 * V + (l.field === null ? 8 * V : 0) + 2 ** 16,
    materializedVertices: V,
    parallelizable: false,
  };
}
