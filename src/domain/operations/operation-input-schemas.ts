import { type Static, Type, type TSchema } from '@sinclair/typebox';
import type { OperationName } from '../../engine/operations.js';
import { TRANSFORMATION_TYPES } from '../../engine/transforms.js';
import { StringEnum } from '../string-enum.js';
import { CAPS } from './operation-caps.js';

/*
 * The inputs of lattice operations, as schemas and the types derived from
 * them. Coordinates are checked here for shape (integers ≥ 0, 1–10 of them);
 * their count and range depend on the lattice and are checked by the engine,
 * both ending as a validation_failed that points at the field.
 */

const Coordinates = Type.Array(Type.Integer({ minimum: 0 }), {
  minItems: 1,
  maxItems: 10,
  description: 'One integer per dimension of the lattice, each in [0, side)',
});
const Seed = Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description: 'Any safe integer' });
const UseGpu = Type.Boolean({
  description:
    'Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error).',
});

function body<P extends Record<string, TSchema>>(properties: P, description: string, examples: Record<string, unknown>[]) {
  return Type.Object({ ...properties, use_gpu: Type.Optional(UseGpu) }, { additionalProperties: false, description, examples });
}

export const PathBody = body(
  {
    start: Coordinates,
    end: Coordinates,
    algorithm: Type.Optional(
      StringEnum(['auto', 'closed_form', 'bfs', 'bidirectional', 'astar', 'dijkstra'] as const, {
        description: 'auto (default): closed form without obstacles, A* with them',
      }),
    ),
    max_path_length: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: CAPS.pathLength,
        description: `Most vertices listed in path (default and cap ${CAPS.pathLength}); hops is always complete`,
      }),
    ),
  },
  'A shortest path between two vertices around obstacles',
  [
    { start: [0, 0, 0], end: [9, 9, 9] },
    { start: [0, 0], end: [63, 31], algorithm: 'astar', use_gpu: false },
  ],
);

export const DistancesBody = body(
  {
    sources: Type.Array(Coordinates, { minItems: 1, maxItems: CAPS.sources, description: `1–${CAPS.sources} source vertices` }),
    max_distance: Type.Optional(Type.Integer({ minimum: 0, description: 'Stop past this many hops; farther vertices count as unreached' })),
    catalytic: Type.Optional(
      Type.Boolean({
        description:
          "Catalytic mode: the BFS keeps its queue in the lattice's stored value field (its work tape, materialised first when the lattice has none) and hands it back bit for bit; the answer's `catalytic` reports the clean memory used beside a normal BFS's and the tape's checksums taken before and after. Same distances. Runs on the calling thread, so only small fields are answered at once; larger ones run as a job",
      }),
    ),
  },
  'A BFS distance field from the nearest of the sources',
  [
    { sources: [[0, 0, 0]] },
    {
      sources: [
        [0, 0],
        [63, 31],
      ],
      max_distance: 20,
    },
    { sources: [[0, 0]], catalytic: true },
  ],
);

export const NeighborsBody = body(
  {
    vertex: Coordinates,
    radius: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Hops, ≥ 0' }),
    limit: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: CAPS.neighborList,
        description: `Most vertices listed (default 1000, at most ${CAPS.neighborList}); count is always complete`,
      }),
    ),
  },
  'The vertices within `radius` hops of `vertex`',
  [
    { vertex: [5, 5, 5], radius: 2 },
    { vertex: [0, 0], radius: 10, limit: 50 },
  ],
);

export const ComponentsBody = body(
  {
    max_sizes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: CAPS.componentSizes,
        description: `Most component sizes listed (default 1000, at most ${CAPS.componentSizes})`,
      }),
    ),
  },
  'Connected components of the free vertices; an empty body is fine',
  [{}, { max_sizes: 10 }],
);

export const CentralityBody = body(
  {
    measure: Type.Optional(StringEnum(['closeness', 'betweenness', 'degree'] as const, { description: 'closeness when omitted' })),
    exact_limit: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Most BFS sources an exact run may take (default 5000); beyond it the values are sampled',
      }),
    ),
    samples: Type.Optional(
      Type.Integer({
        minimum: 2,
        maximum: CAPS.samples,
        description: `Pivot sources when sampling (default 256, at most ${CAPS.samples})`,
      }),
    ),
    seed: Type.Optional(Seed),
    top_k: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Highest-ranked vertices listed (default 10)' })),
    symmetry: Type.Optional(Type.Boolean({ description: 'Use the lattice symmetry for exact runs without obstacles (default true)' })),
  },
  'Closeness, betweenness (exact when small, sampled with a stated standard error when large) or degree centrality',
  [
    { measure: 'closeness', top_k: 5 },
    { measure: 'betweenness', exact_limit: 0, samples: 64, seed: 7 },
  ],
);

export const AnalyzeBody = body(
  {
    exact_diameter_work: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Vertex visits allowed for an exact diameter with obstacles (default 2^24); beyond, a lower bound',
      }),
    ),
  },
  'Structure of the lattice; an empty body is fine',
  [{}],
);

export const PartitionBody = body(
  { parts: Type.Integer({ minimum: 1, maximum: CAPS.parts, description: `Balanced boxes wanted, 1–${CAPS.parts}` }) },
  'Balanced boxes for parallel scheduling',
  [{ parts: 8 }],
);

export const SpectrumBody = body(
  {
    k: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: CAPS.eigenvalues,
        description: `Smallest eigenvalues wanted (default 10, at most ${CAPS.eigenvalues})`,
      }),
    ),
  },
  'The k smallest Laplacian eigenvalues, exact from the grid structure (lattices without obstacles)',
  [{ k: 5 }],
);

const FiniteAmount = Type.Number({ minimum: -1e300, maximum: 1e300 });

export const DiffusionBody = body(
  {
    steps: Type.Integer({ minimum: 0, maximum: CAPS.diffusionSteps, description: `Explicit heat steps, at most ${CAPS.diffusionSteps}` }),
    dt: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'Time step; default 1/(4·d·diffusivity), half the stability bound' }),
    ),
    diffusivity: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6, description: 'Default 1; dt·diffusivity·2d must stay ≤ 1' })),
    sources: Type.Optional(
      Type.Array(Type.Object({ vertex: Coordinates, amount: FiniteAmount }, { additionalProperties: false }), {
        maxItems: CAPS.diffusionSources,
        description: 'Amounts added to the initial state',
      }),
    ),
    initial: Type.Optional(
      StringEnum(['field', 'zero'] as const, { description: "field (default): the lattice's value field; zero: all zeros" }),
    ),
    snapshot_every: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: CAPS.diffusionSteps,
        description: `Record statistics every this many steps (at most ${CAPS.snapshots} snapshots)`,
      }),
    ),
  },
  "Explicit heat diffusion of the lattice's value field (never changed) for `steps`",
  [{ steps: 100 }, { steps: 1000, initial: 'zero', sources: [{ vertex: [5, 5], amount: 100 }], snapshot_every: 100 }],
);

export const RandomWalkBody = body(
  {
    walkers: Type.Integer({ minimum: 1, maximum: CAPS.walkers, description: `1–${CAPS.walkers}` }),
    steps: Type.Integer({ minimum: 0, maximum: CAPS.walkSteps, description: `0–${CAPS.walkSteps}` }),
    seed: Type.Optional({ ...Seed, description: 'Same seed, same answer (0 when omitted)' }),
    start: Type.Optional({ ...Coordinates, description: 'The centre vertex when omitted' }),
  },
  'Seeded random walks: mean squared displacement and hitting statistics',
  [{ walkers: 1000, steps: 100, seed: 42 }],
);

export const TransformBody = Type.Object(
  {
    transformation_type: StringEnum(TRANSFORMATION_TYPES, {
      description: 'xor (parameters.key), rotate (parameters.axes, turns), scale (parameters.factor) or normalize',
    }),
    parameters: Type.Optional(
      Type.Object(
        {
          key: Type.Optional(
            Type.Union([Type.String({ minLength: 1, maxLength: 1024 }), Seed], {
              description:
                "xor: a string (≤ 1024 chars) or safe integer; when omitted the key is the lattice's id (as a string), so the same request applied twice restores the field",
            }),
          ),
          axes: Type.Optional(
            Type.Array(Type.Integer({ minimum: 0, maximum: 9 }), {
              minItems: 2,
              maxItems: 2,
              description: 'rotate: the plane, two different dimensions with equal sides (default [0, 1])',
            }),
          ),
          turns: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'rotate: quarter turns (default 1)' })),
          factor: Type.Optional(
            Type.Number({ minimum: -1e300, maximum: 1e300, description: 'scale: the factor, finite and ≠ 0; required' }),
          ),
        },
        { additionalProperties: false, description: 'The members the transformation type uses' },
      ),
    ),
    use_gpu: Type.Optional(UseGpu),
  },
  {
    additionalProperties: false,
    examples: [
      { transformation_type: 'xor', parameters: { key: 'secret' } },
      { transformation_type: 'xor', parameters: {} },
      { transformation_type: 'rotate', parameters: { axes: [0, 1], turns: 1 } },
      { transformation_type: 'scale', parameters: { factor: 2 }, use_gpu: true },
      { transformation_type: 'normalize' },
    ],
  },
);

/** Members every operation input may carry besides its own parameters. */
export interface CommonInput {
  use_gpu?: boolean;
}

/** The schema of each operation's input, by name. */
export const OPERATION_INPUTS = {
  path: PathBody,
  distances: DistancesBody,
  neighbors: NeighborsBody,
  components: ComponentsBody,
  centrality: CentralityBody,
  analyze: AnalyzeBody,
  partition: PartitionBody,
  spectrum: SpectrumBody,
  diffusion: DiffusionBody,
  'random-walk': RandomWalkBody,
  transform: TransformBody,
} as const satisfies Record<OperationName, TSchema>;

/** The input of each operation, by name, as its schema accepts it. */
export type OperationInputs = { [K in OperationName]: Static<(typeof OPERATION_INPUTS)[K]> };
export type DistancesInput = OperationInputs['distances'];
export type TransformInput = OperationInputs['transform'];
