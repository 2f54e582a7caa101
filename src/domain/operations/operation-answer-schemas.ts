import { type Static, type TObject, Type, type TProperties } from '@sinclair/typebox';
import { Uuid } from '../common-schemas.js';

/*
 * The answers of lattice operations: one envelope every synchronous answer
 * shares, and each operation's own members.
 */

const LATTICE_ID = '01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c';
const OPERATION_ID = '01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f';

const Int = Type.Integer();
const Num = Type.Number();
const Coordinates = Type.Array(Type.Integer());
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Stats = Type.Object({ min: Num, max: Num, mean: Num });
const FieldStats = Type.Object({ min: Num, max: Num, mean: Num, mass: Type.Number({ description: 'Sum over unblocked vertices' }) });

const Backend = Type.Unsafe<'cpu' | 'cpu-pool' | 'gpu'>({
  type: 'string',
  enum: ['cpu', 'cpu-pool', 'gpu'],
  description: 'Where it ran: one thread, the worker-thread pool, or WebGPU',
});

const ENVELOPE = {
  operation_id: { ...Uuid, description: 'Its row in GET /lattices/{id}/operations' },
  lattice_id: Uuid,
  operation: Type.String(),
  execution_time_ms: Type.Number({ description: 'Engine time; for a cached answer, the lookup' }),
  backend: Backend,
  gpu_used: Type.Boolean(),
  cached: Type.Boolean({ description: 'true when the knowledge cache answered (same lattice version, operation and parameters)' }),
  fallback_reason: Type.Optional(Type.String({ description: 'Present when use_gpu was asked for and the GPU was not used: why' })),
};

/** The members every synchronous answer shares. */
export type OperationEnvelope = Static<TObject<typeof ENVELOPE>>;

function answer(properties: TProperties, description: string, example: Record<string, unknown>) {
  return Type.Object(
    { ...ENVELOPE, ...properties },
    {
      description,
      examples: [
        {
          operation_id: OPERATION_ID,
          lattice_id: LATTICE_ID,
          ...example,
          execution_time_ms: 0.42,
          backend: 'cpu',
          gpu_used: false,
          cached: false,
        },
      ],
    },
  );
}

export const PathAnswer = answer(
  {
    path: Type.Union([Type.Array(Coordinates), Type.Null()], { description: 'Vertices from start to end; null when unreachable' }),
    reachable: Type.Boolean(),
    distance: Type.Union([Num, Type.Null()], { description: 'Hops (Dijkstra: summed costs); null when unreachable' }),
    hops: Type.Union([Int, Type.Null()]),
    algorithm: Type.String({ description: 'The algorithm that ran' }),
    visited: Type.Integer({ description: 'Vertices the search labelled' }),
    path_truncated: Type.Boolean({ description: 'true when path lists only the first max_path_length vertices' }),
  },
  'A shortest path; 200 with path null and reachable false when obstacles cut the end off',
  {
    operation: 'path',
    path: [
      [0, 0],
      [0, 1],
      [1, 1],
    ],
    reachable: true,
    distance: 2,
    hops: 2,
    algorithm: 'closed_form',
    visited: 0,
    path_truncated: false,
  },
);

export const DistancesAnswer = answer(
  {
    sources: Type.Array(Coordinates),
    reached: Int,
    unreached: Type.Integer({ description: 'Free vertices without a distance' }),
    blocked: Type.Integer({ description: 'Obstacle vertices' }),
    max_distance: Int,
    mean_distance: Num,
    histogram: Type.Array(Int, { description: 'histogram[h]: vertices at distance h (first 10 000 buckets)' }),
    histogram_truncated: Type.Boolean(),
    eccentricity: Type.Union([Stats, Type.Null()], { description: "The sources' eccentricities" }),
    method: Type.String({ description: 'closed_form, separable_transform, bfs, or catalytic_bfs in catalytic mode' }),
    catalytic: Type.Optional(
      Type.Object(
        {
          tape_bytes: Type.Integer({ description: "Bytes of the borrowed work tape (the lattice's value field)" }),
          tape_bytes_used: Type.Integer({ description: 'Of them, the bytes the BFS queue used' }),
          clean_bytes: Type.Integer({ description: 'Clean (freshly allocated) bytes this run used: the distances and the histogram' }),
          normal_clean_bytes: Type.Integer({
            description:
              'Clean bytes a normal queue BFS needs for the same answer: distances, a queue of V, the obstacle bitset, the histogram',
          }),
          checksum_before: Type.String({ description: 'Checksum of the tape taken before the run' }),
          checksum_after: Type.String({ description: 'Checksum of the tape taken after the run' }),
          restored: Type.Boolean({ description: 'checksum_after === checksum_before: computed, not assumed' }),
        },
        { description: 'Catalytic mode only: the tape it borrowed and the proof that it was handed back intact' },
      ),
    ),
  },
  'The distance field summarised. With `Accept: application/octet-stream` the field itself: one little-endian Int32 per vertex in row-major order (last dimension fastest), −1 for obstacles and unreached vertices.',
  {
    operation: 'distances',
    sources: [[0, 0]],
    reached: 9,
    unreached: 0,
    blocked: 0,
    max_distance: 4,
    mean_distance: 2,
    histogram: [1, 2, 3, 2, 1],
    histogram_truncated: false,
    eccentricity: { min: 4, max: 4, mean: 4 },
    method: 'closed_form',
  },
);

export const NeighborsAnswer = answer(
  {
    center: Coordinates,
    radius: Int,
    count: Type.Integer({ description: 'Vertices within radius, centre included (always complete)' }),
    vertices: Type.Array(Coordinates, { description: 'The first `limit` of them, nearest first' }),
    truncated: Type.Boolean(),
    method: Type.String(),
  },
  'The ball of `radius` hops around `vertex`',
  {
    operation: 'neighbors',
    center: [1, 1],
    radius: 1,
    count: 5,
    vertices: [
      [1, 1],
      [0, 1],
      [2, 1],
      [1, 0],
      [1, 2],
    ],
    truncated: false,
    method: 'closed_form',
  },
);

export const ComponentsAnswer = answer(
  {
    count: Int,
    sizes: Type.Array(Int, { description: 'Largest first' }),
    sizes_truncated: Type.Boolean(),
    largest: Int,
    isolated: Int,
    obstacle_count: Int,
    free_vertices: Int,
    method: Type.String(),
  },
  'Connected components of the free vertices',
  {
    operation: 'components',
    count: 1,
    sizes: [100],
    sizes_truncated: false,
    largest: 100,
    isolated: 0,
    obstacle_count: 0,
    free_vertices: 100,
    method: 'closed_form',
  },
);

export const CentralityAnswer = answer(
  {
    measure: Type.String(),
    exact: Type.Boolean(),
    sample_size: Int,
    sources_run: Int,
    error_estimate: Type.Number({ description: 'Largest standard error when sampled; 0 when exact' }),
    top: Type.Array(Type.Object({ vertex: Coordinates, value: Num, standard_error: Type.Optional(Num) })),
    stats: Stats,
  },
  'Centrality: the top-k vertices and statistics',
  {
    operation: 'centrality',
    measure: 'closeness',
    exact: true,
    sample_size: 9,
    sources_run: 3,
    error_estimate: 0,
    top: [{ vertex: [1, 1], value: 0.667 }],
    stats: { min: 0.4, max: 0.667, mean: 0.52 },
  },
);

export const AnalyzeAnswer = answer(
  {
    vertices: Int,
    edges: Int,
    obstacles: Int,
    free_vertices: Int,
    degree: Stats,
    diameter: Int,
    diameter_exact: Type.Boolean(),
    diameter_method: Type.String(),
    bipartite: Type.Boolean(),
    components: Int,
    memory: Type.Object({ implicit_bytes: Num, explicit_csr_bytes: Num, reduction_factor: Num }),
    method: Type.String(),
  },
  'Structure of the lattice',
  {
    operation: 'analyze',
    vertices: 9,
    edges: 12,
    obstacles: 0,
    free_vertices: 9,
    degree: { min: 2, max: 4, mean: 2.667 },
    diameter: 4,
    diameter_exact: true,
    diameter_method: 'closed_form',
    bipartite: true,
    components: 1,
    memory: { implicit_bytes: 32, explicit_csr_bytes: 176, reduction_factor: 5.5 },
    method: 'closed_form',
  },
);

export const PartitionAnswer = answer(
  {
    parts: Type.Array(Type.Object({ id: Int, lo: Coordinates, hi: Type.Array(Int, { description: 'Exclusive' }), vertices: Int })),
    cut_edges: Int,
    balance: Type.Number({ description: 'Largest box over the mean (1 is perfect)' }),
  },
  'Balanced boxes',
  {
    operation: 'partition',
    parts: [
      { id: 0, lo: [0, 0], hi: [2, 4], vertices: 8 },
      { id: 1, lo: [2, 0], hi: [4, 4], vertices: 8 },
    ],
    cut_edges: 4,
    balance: 1,
  },
);

export const SpectrumAnswer = answer(
  {
    eigenvalues: Type.Array(Num, { description: 'Ascending, with multiplicity; the first is 0' }),
    algebraic_connectivity: Type.Union([Num, Type.Null()]),
    exact: Type.Boolean(),
    method: Type.String(),
  },
  'The smallest Laplacian eigenvalues',
  { operation: 'spectrum', eigenvalues: [0, 1, 1], algebraic_connectivity: 1, exact: true, method: 'product_structure' },
);

export const DiffusionAnswer = answer(
  {
    steps: Int,
    dt: Num,
    diffusivity: Num,
    stability_number: Type.Number({ description: 'dt·diffusivity·2d, at most 1' }),
    initial: FieldStats,
    final: FieldStats,
    snapshots: Type.Array(Type.Object({ ...FieldStats.properties, step: Int })),
  },
  'Statistics of the diffused field (the stored field is not changed)',
  {
    operation: 'diffusion',
    steps: 10,
    dt: 0.125,
    diffusivity: 1,
    stability_number: 0.5,
    initial: { min: 0, max: 100, mean: 1, mass: 100 },
    final: { min: 0.2, max: 3.1, mean: 1, mass: 100 },
    snapshots: [],
  },
);

export const RandomWalkAnswer = answer(
  {
    walkers: Int,
    steps: Int,
    seed: Int,
    start: Coordinates,
    msd: Type.Array(Num, { description: 'Mean squared displacement at t = 0, msd_every, 2·msd_every, ... and the last step' }),
    msd_every: Int,
    diffusion_coefficient: Num,
    return_fraction: Num,
    mean_return_time: Nullable(Num),
    mean_distinct_visited: Num,
    final: Type.Object({ mean_displacement: Type.Array(Num), rms_distance: Num, max_distance: Num }),
  },
  'Random-walk statistics; the same seed gives the same answer',
  {
    operation: 'random-walk',
    walkers: 100,
    steps: 2,
    seed: 42,
    start: [5, 5],
    msd: [0, 1, 2.1],
    msd_every: 1,
    diffusion_coefficient: 0.26,
    return_fraction: 0.25,
    mean_return_time: 2,
    mean_distinct_visited: 2.75,
    final: { mean_displacement: [0.02, -0.01], rms_distance: 1.45, max_distance: 2 },
  },
);

export const TransformAnswer = Type.Object(
  {
    operation_id: Uuid,
    lattice_id: Uuid,
    transformation_type: Type.String(),
    version: Type.Integer({ description: "The lattice's version after the transform" }),
    gpu_used: Type.Boolean(),
    backend: Backend,
    fallback_reason: Type.Optional(Type.String()),
    reversible: Type.Boolean({ description: 'Bit-exact: applying `result_summary.inverse` restores every value' }),
    execution_time_ms: Num,
    cached: Type.Boolean({ description: 'Always false: transforms change the lattice' }),
    result_summary: Type.Object(
      { success: Type.Boolean(), checksum_before: Type.String(), checksum_after: Type.String(), values: Int },
      { additionalProperties: true, description: 'Plus the type-specific members (inverse, axes, turns, factor, mean_before, ...)' },
    ),
    catalytic: Type.Object(
      {
        aux_bytes: Type.Integer({ description: 'Bytes of the value field the transform borrowed and changed in place' }),
        checksum_restored: Type.String({
          description: 'Checksum of the new field with the reported inverse applied (compare result_summary.checksum_before)',
        }),
        restored: Type.Boolean({
          description:
            'checksum_restored === result_summary.checksum_before: whether the reported inverse hands the bytes back bit for bit (computed)',
        }),
      },
      { description: 'The transform as a catalytic computation on the field' },
    ),
  },
  {
    description: "The value field after the transform, stored as the lattice's next version",
    examples: [
      {
        operation_id: OPERATION_ID,
        lattice_id: LATTICE_ID,
        transformation_type: 'xor',
        version: 2,
        gpu_used: false,
        backend: 'cpu',
        reversible: true,
        execution_time_ms: 1.7,
        cached: false,
        result_summary: { success: true, checksum_before: '9f1c…', checksum_after: '07ab…', values: 1000, inverse: { key: 'secret' } },
        catalytic: { aux_bytes: 8000, checksum_restored: '9f1c…', restored: true },
      },
    ],
  },
);

/** A read operation's answer: the envelope and the operation's own members. */
export type ReadAnswer = OperationEnvelope & { [member: string]: unknown };
export type TransformAnswer = Static<typeof TransformAnswer>;
