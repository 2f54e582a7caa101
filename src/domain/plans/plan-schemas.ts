import { type Static, Type } from '@sinclair/typebox';

const limit = (description: string) => Type.Integer({ minimum: -1, description: `${description}; -1 means unlimited` });

export const PlanLimitsSchema = Type.Object(
  {
    lattices: limit('Lattices the tenant may keep'),
    max_dimensions: limit('Dimensions a lattice may have'),
    max_size: limit('Points per side of a lattice'),
    max_materialized_vertices: limit('Vertices one operation may materialise'),
    requests_per_minute: limit('API requests per minute'),
    compute_per_minute: limit('Compute operations (path, transform, analyze, ...) per minute'),
    monthly_operations: limit('Operations per calendar month'),
    gpu_allowed: Type.Boolean({ description: 'Whether operations may run on a GPU' }),
  },
  { additionalProperties: false },
);

/**
 * The same limits without their descriptions and bounds: how /auth/me and
 * /tenants/usage have always documented them (the type is PlanLimits either way).
 */
export const PlanLimitsBrief = Type.Object({
  lattices: Type.Integer(),
  max_dimensions: Type.Integer(),
  max_size: Type.Integer(),
  max_materialized_vertices: Type.Integer(),
  requests_per_minute: Type.Integer(),
  compute_per_minute: Type.Integer(),
  monthly_operations: Type.Integer(),
  gpu_allowed: Type.Boolean(),
});

const FREE_LIMITS = {
  lattices: 5,
  max_dimensions: 4,
  max_size: 1000,
  max_materialized_vertices: 1_000_000,
  requests_per_minute: 120,
  compute_per_minute: 10,
  monthly_operations: 1000,
  gpu_allowed: false,
};

export const PlanSchema = Type.Object(
  {
    code: Type.String({ description: 'Plan code used by registration and PUT /tenants/subscription' }),
    name: Type.String(),
    limits: PlanLimitsSchema,
  },
  { additionalProperties: false, examples: [{ code: 'free', name: 'Free', limits: FREE_LIMITS }] },
);

export const PlanList = Type.Array(PlanSchema, { examples: [[{ code: 'free', name: 'Free', limits: FREE_LIMITS }]] });

export const PLAN_LIMITS_EXAMPLE = FREE_LIMITS;

export type PlanView = Static<typeof PlanSchema>;
