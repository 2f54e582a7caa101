import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { assertWithinPlan, type LatticePlanLimits } from '../../../src/domain/plans/plan-limit-checks.js';

const free: LatticePlanLimits = { planCode: 'free', maxLattices: 5, maxDimensions: 4, maxSize: 1000, maxMaterializedVertices: 1_000_000 };
const unlimited: LatticePlanLimits = {
  planCode: 'enterprise',
  maxLattices: -1,
  maxDimensions: 10,
  maxSize: -1,
  maxMaterializedVertices: 1e9,
};

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('assertWithinPlan', () => {
  it('accepts usage at the limits', () => {
    expect(() => assertWithinPlan(free, { shape: [1000, 1000, 2, 2], lattices: 5, materializedVertices: 1_000_000 })).not.toThrow();
  });

  it.each([
    [{ shape: [2, 2, 2, 2, 2] }, 'max_dimensions', 4, "Plan 'free' allows at most 4 dimensions"],
    [{ shape: [10, 1001] }, 'max_size', 1000, "Plan 'free' allows at most 1000 points per side"],
    [{ lattices: 6 }, 'max_lattices', 5, "Plan 'free' allows at most 5 lattices"],
    [{ materializedVertices: 1_000_001 }, 'max_materialized_vertices', 1_000_000, "Plan 'free' allows at most 1000000 vertices"],
  ])('refuses %j naming %s', (usage, limit, value, detail) => {
    const err = refusal(() => assertWithinPlan(free, usage));
    expect(err.code).toBe('plan_limit_exceeded');
    expect(err.detail).toContain(detail);
    expect(err.extras.fields).toMatchObject({ limit, value });
  });

  it('treats -1 as unlimited', () => {
    expect(() => assertWithinPlan(unlimited, { shape: [1500, 1500, 1500, 1500], lattices: 1_000_000 })).not.toThrow();
  });
});
