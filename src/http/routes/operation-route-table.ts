import type { TSchema } from '@sinclair/typebox';
import {
  AnalyzeAnswer,
  CentralityAnswer,
  ComponentsAnswer,
  DiffusionAnswer,
  DistancesAnswer,
  NeighborsAnswer,
  PartitionAnswer,
  PathAnswer,
  RandomWalkAnswer,
  SpectrumAnswer,
} from '../../domain/operations/operation-answer-schemas.js';
import type { ReadOperation } from '../../domain/operations/operation-params.js';

/** What every operation route's description ends with. */
export const SHARED_RULES =
  " Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.";

/** One read operation's route: what it answers and how the document describes it (its body is the operation's input schema). */
export interface ReadRoute {
  op: ReadOperation;
  answer: TSchema;
  summary: string;
  description: string;
  /** The body may be left out entirely. */
  optionalBody?: boolean;
}

/** The read operations' routes, in the order they are registered (and listed in the OpenAPI document). */
export const READ_ROUTES: ReadRoute[] = [
  {
    op: 'path',
    answer: PathAnswer,
    summary: 'Shortest path between two vertices',
    description: 'Around obstacles; 200 with `path: null, reachable: false` when there is none.',
  },
  {
    op: 'distances',
    answer: DistancesAnswer,
    summary: 'BFS distance field from sources',
    description:
      'JSON: a summary (histogram, eccentricities). With `Accept: application/octet-stream`: the whole field as little-endian Int32 values in row-major order, the envelope in `X-Operation-Id`, `X-Execution-Time-Ms`, `X-Backend`, `X-Gpu-Used`, `X-Cached` and `X-Vertex-Count` headers.',
  },
  {
    op: 'neighbors',
    answer: NeighborsAnswer,
    summary: 'Vertices within a radius',
    description: 'The count is exact (closed form without obstacles); the list is limited.',
  },
  {
    op: 'components',
    answer: ComponentsAnswer,
    summary: 'Connected components',
    description: 'Count and sizes of the components of the free vertices (one without obstacles).',
    optionalBody: true,
  },
  {
    op: 'centrality',
    answer: CentralityAnswer,
    summary: 'Closeness, betweenness or degree centrality',
    description: 'Exact when small; sampled from pivot sources with a stated standard error when large. Top-k vertices and statistics.',
    optionalBody: true,
  },
  {
    op: 'analyze',
    answer: AnalyzeAnswer,
    summary: 'Structure of the lattice',
    description: 'Vertices, edges, degree statistics, diameter, bipartiteness, components and memory.',
    optionalBody: true,
  },
  {
    op: 'diffusion',
    answer: DiffusionAnswer,
    summary: 'Heat diffusion',
    description: `Explicit steps of the heat equation on the value field (not changed); statistics and optional snapshots. Steps are capped (see the body schema).`,
  },
  {
    op: 'random-walk',
    answer: RandomWalkAnswer,
    summary: 'Seeded random walks',
    description:
      'Mean squared displacement (thinned to at most 1001 points), return and hitting statistics. Walkers and steps are capped (see the body schema).',
  },
  {
    op: 'partition',
    answer: PartitionAnswer,
    summary: 'Balanced partition',
    description: 'Boxes by recursive coordinate bisection, with the edges cut.',
  },
  {
    op: 'spectrum',
    answer: SpectrumAnswer,
    summary: 'Smallest Laplacian eigenvalues',
    description: 'Exact from the product structure of the grid; lattices without obstacles only (422 otherwise).',
    optionalBody: true,
  },
];
