import { type Static, Type } from '@sinclair/typebox';
import { Uuid } from '../common-schemas.js';
import { PlanLimitsBrief } from '../plans/plan-schemas.js';

const Counter = Type.Object({ used: Type.Integer(), limit: Type.Integer({ description: '-1 means unlimited' }) });

export const UsageSummary = Type.Object(
  {
    tenant_id: Uuid,
    period: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'Calendar month (UTC)' }),
    plan_code: Type.String(),
    usage: Type.Object({ operations: Counter, lattices: Counter }),
    limits: PlanLimitsBrief,
  },
  {
    examples: [
      {
        tenant_id: '01936f7e-0000-7000-8000-000000000001',
        period: '2026-11',
        plan_code: 'free',
        usage: { operations: { used: 42, limit: 1000 }, lattices: { used: 2, limit: 5 } },
        limits: {
          lattices: 5,
          max_dimensions: 4,
          max_size: 1000,
          max_materialized_vertices: 1000000,
          requests_per_minute: 120,
          compute_per_minute: 10,
          monthly_operations: 1000,
          gpu_allowed: false,
        },
      },
    ],
  },
);

export type UsageSummaryView = Static<typeof UsageSummary>;
