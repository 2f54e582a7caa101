import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';

const LATTICE_ID = '01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c';
const TENANT_ID = '01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f';
const WHEN = '2025-01-15T09:30:00.000Z';

const SAFE_INTEGER = { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

const Side = Type.Integer({ minimum: 2, description: 'Points along one side, ≥ 2' });
const BoundarySchema = Type.Union([Type.Literal('open'), Type.Literal('periodic')], {
  description: 'open: sides end; periodic: each side wraps around (a torus)',
});
const Coordinates = Type.Array(Type.Integer(), { minItems: 1, maxItems: 10, description: 'One integer per dimension, each in [0, side)' });
const CoordinateList = Type.Array(Coordinates, { maxItems: 10_000 });
const DensityObstacles = Type.Object(
  {
    density: Type.Number({ minimum: 0, exclusiveMaximum: 1, description: 'Fraction of vertices blocked, in [0, 1)' }),
    seed: Type.Optional(Type.Integer({ ...SAFE_INTEGER, description: 'Chooses which vertices; 0 when omitted' })),
  },
  { additionalProperties: false, description: 'Pseudo-random obstacles, reproducible from the seed' },
);
const CoordinateObstacles = Type.Object(
  { coordinates: CoordinateList },
  { additionalProperties: false, description: 'Blocked vertices, at most 10 000' },
);
const Metadata = Type.Object({}, { additionalProperties: true, description: 'Free-form JSON object, at most 16 KB serialised' });
export const DESCRIPTION_MAX_LENGTH = 1000;
const Description = Type.String({
  maxLength: DESCRIPTION_MAX_LENGTH,
  description: `Free text, at most ${DESCRIPTION_MAX_LENGTH} characters; stored and returned as given`,
});
const Name = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Letters (any script), digits, spaces and _-.,:()#+; surrounding spaces are trimmed',
});

export const CreateLatticeBody = Type.Object(
  {
    name: Type.Optional(Name),
    // Deliberately untyped here and checked by the service: under the app's type coercion an
    // integer-or-list union reads [5] as 5 and 11 as [11], so neither form would be safe.
    dimensions: Type.Optional(
      Type.Unsafe<unknown>({
        description:
          'Number of dimensions, an integer from 1 to 10, with `size`. Old clients send the list of sides here instead (1 to 10 integers ≥ 2); it then means `shape`.',
        examples: [3, [10, 20, 30]],
      }),
    ),
    size: Type.Optional(Side),
    shape: Type.Optional(
      Type.Array(Side, { minItems: 1, maxItems: 10, description: 'Sides per dimension; instead of dimensions and size' }),
    ),
    boundary: Type.Optional(BoundarySchema),
    obstacles: Type.Optional(
      Type.Union([Type.Null(), DensityObstacles, CoordinateObstacles, CoordinateList], {
        description: '`{ density, seed }`, or blocked coordinates as a list (or as `{ coordinates }`)',
      }),
    ),
    metadata: Type.Optional(Metadata),
    description: Type.Optional(Description),
    allow_cpu_fallback: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'false: an operation that asks for the GPU (`use_gpu: true`, or without `use_gpu` on a lattice created with `enable_gpu: true`) answers 409 with the reason when no GPU can be used, instead of running on the CPU',
      }),
    ),
    field_type: Type.Optional(Type.String({ maxLength: 50, description: 'Stored and echoed for old clients; not interpreted' })),
    geometry: Type.Optional(Type.String({ maxLength: 50, description: 'Stored and echoed for old clients; not interpreted' })),
    enable_gpu: Type.Optional(
      Type.Boolean({
        description:
          'Stored and echoed for old clients; operations choose the GPU per request, except that with `allow_cpu_fallback: false` it stands for `use_gpu: true` where a request does not say',
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Give `shape`, or `dimensions` and `size`. Vertex and edge counts must stay ≤ 2^53 − 1; plan limits cap dimensions, size per side and the number of lattices.',
    examples: [
      { name: 'Heat sink 3D', dimensions: 3, size: 100, boundary: 'open', metadata: { project: 'cooling' } },
      { name: 'Torus', shape: [64, 32], boundary: 'periodic', obstacles: { density: 0.1, seed: 7 } },
      { dimensions: [10, 10, 10], field_type: 'real', geometry: 'euclidean', enable_gpu: true },
      { name: 'GPU only', dimensions: 2, size: 512, description: 'Heat runs for the report', enable_gpu: true, allow_cpu_fallback: false },
    ],
  },
);

export const UpdateLatticeBody = Type.Object(
  { name: Type.Optional(Name), metadata: Type.Optional({ ...Metadata, description: 'Replaces the stored metadata as a whole' }) },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ name: 'Heat sink 3D (v2)', metadata: { project: 'cooling', reviewed: true } }],
  },
);

const LATTICE_EXAMPLE = {
  id: LATTICE_ID,
  tenant_id: TENANT_ID,
  name: 'Heat sink 3D',
  dimensions: 3,
  size: 100,
  shape: [100, 100, 100],
  boundary: 'open',
  vertices: 1_000_000,
  edges: 2_970_000,
  obstacles: null,
  memory: { implicit_bytes: 48, explicit_csr_bytes: 31_760_008, reduction_factor: 661_666.8333333334 },
  metadata: { project: 'cooling' },
  description: null,
  allow_cpu_fallback: true,
  version: 1,
  created_at: WHEN,
  updated_at: WHEN,
};

export const LatticeSchema = Type.Object(
  {
    id: Uuid,
    tenant_id: Uuid,
    name: Type.String(),
    dimensions: Type.Integer(),
    size: Type.Union([Type.Integer(), Type.Null()], { description: 'The side length when all sides are equal, else null (see shape)' }),
    shape: Type.Array(Type.Integer()),
    boundary: BoundarySchema,
    vertices: Type.Integer({ description: 'Exact, ≤ 2^53 − 1' }),
    edges: Type.Integer({ description: 'Edges of the grid without obstacles, exact; analyze counts those between free vertices' }),
    obstacles: Type.Union([Type.Null(), DensityObstacles, CoordinateObstacles]),
    memory: Type.Object(
      {
        implicit_bytes: Type.Integer({ description: 'Bytes this service holds for the lattice definition' }),
        explicit_csr_bytes: Type.Number({
          description: 'Bytes an explicit CSR adjacency would take: (V+1)·8 + 2E·4 (·8 past 2^32 vertices)',
        }),
        reduction_factor: Type.Number({ description: 'explicit_csr_bytes / implicit_bytes' }),
      },
      { additionalProperties: false, description: 'Computed by the engine when the lattice was created' },
    ),
    metadata: Metadata,
    description: Type.Union([Type.String(), Type.Null()], { description: 'As sent at creation; null when none was' }),
    allow_cpu_fallback: Type.Boolean({ description: 'false: GPU-requiring operations answer 409 where no GPU can be used' }),
    version: Type.Integer({ description: 'Starts at 1; each change of the value field (a transform) adds 1. Renaming does not.' }),
    created_at: Timestamp,
    updated_at: Timestamp,
    field_type: Type.Optional(Type.String()),
    geometry: Type.Optional(Type.String()),
    enable_gpu: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, examples: [LATTICE_EXAMPLE] },
);

export const LatticeList = Type.Array(LatticeSchema, { examples: [[LATTICE_EXAMPLE]] });

/** A create request after its schema. */
export type CreateLatticeInput = Static<typeof CreateLatticeBody>;
export type UpdateLatticeInput = Static<typeof UpdateLatticeBody>;
/** A lattice as the API shows it. */
export type LatticeView = Static<typeof LatticeSchema>;
/** Members old clients send, stored and echoed but not interpreted. */
export type LegacyFields = Pick<CreateLatticeInput, 'field_type' | 'geometry' | 'enable_gpu'>;
