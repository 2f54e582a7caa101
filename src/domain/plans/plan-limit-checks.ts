import { AppError } from '../errors.js';

/** The plan limits that govern lattices; -1 means unlimited. */
export interface LatticePlanLimits {
  planCode: string;
  maxLattices: number;
  maxDimensions: number;
  maxSize: number;
  maxMaterializedVertices: number;
}

/** What a request would take, each part checked against its limit when present. */
export interface PlanUsage {
  /** Live lattices the tenant would own afterwards. */
  lattices?: number;
  shape?: readonly number[];
  /** Vertices an operation would hold in memory at once. */
  materializedVertices?: number;
}

type LimitName = 'max_lattices' | 'max_dimensions' | 'max_size' | 'max_materialized_vertices';

const within = (value: number, limit: number): boolean => limit < 0 || value <= limit;

function exceeded(limits: Pick<LatticePlanLimits, 'planCode'>, limit: LimitName, value: number, sentence: string): AppError {
  return new AppError('plan_limit_exceeded', `Plan '${limits.planCode}' allows at most ${sentence}`, {
    fields: { limit, value, plan_code: limits.planCode },
  });
}

/**
 * Throws plan_limit_exceeded naming the first limit `usage` would break
 * (dimensions, then size per side, then lattice count, then materialisation);
 * `value` in the problem is the limit's value.
 */
export function assertWithinPlan(limits: LatticePlanLimits, usage: PlanUsage): void {
  const { shape } = usage;
  if (shape !== undefined) {
    if (!within(shape.length, limits.maxDimensions)) {
      throw exceeded(limits, 'max_dimensions', limits.maxDimensions, `${limits.maxDimensions} dimensions`);
    }
    if (limits.maxSize >= 0 && shape.some((side) => side > limits.maxSize)) {
      throw exceeded(limits, 'max_size', limits.maxSize, `${limits.maxSize} points per side`);
    }
  }
  if (usage.lattices !== undefined && !within(usage.lattices, limits.maxLattices)) {
    throw exceeded(limits, 'max_lattices', limits.maxLattices, `${limits.maxLattices} lattices`);
  }
  if (usage.materializedVertices !== undefined && !within(usage.materializedVertices, limits.maxMaterializedVertices)) {
    throw materializationLimit(limits, usage.materializedVertices);
  }
}

/** The refusal of an operation that would hold `needed` vertices in memory, past the plan's limit. */
export function materializationLimit(limits: Pick<LatticePlanLimits, 'planCode' | 'maxMaterializedVertices'>, needed: number): AppError {
  return exceeded(
    limits,
    'max_materialized_vertices',
    limits.maxMaterializedVertices,
    `${limits.maxMaterializedVertices} vertices in memory for one operation (this one needs ${needed})`,
  );
}
