import type { Database, Queryable } from '../../platform/database.js';
import { validationFailed } from '../errors.js';
import { normalizePlanCode } from './plan-codes.js';
import * as plans from './plan-repository.js';
import type { PlanRow } from './plan-repository.js';
import type { PlanView } from './plan-schemas.js';
import { planView } from './plan-view.js';

/** Plans and their limits. Billing is out of scope: every plan can be chosen freely. */
export class PlanService {
  constructor(private readonly deps: { db: Database }) {}

  async list(): Promise<PlanView[]> {
    const rows = await this.deps.db.systemTransaction((db) => plans.list(db));
    return rows.map(planView);
  }

  /**
   * The plan a client named (aliases allowed) on the caller's connection, or
   * validation_failed listing the valid codes, so registration and subscription changes
   * answer an unknown plan the same way.
   */
  async resolve(db: Queryable, input: string, field = 'input.plan_code'): Promise<PlanRow> {
    const plan = await plans.find(db, normalizePlanCode(input));
    if (plan) return plan;
    const valid = (await plans.list(db)).map((p) => p.code).join(', ');
    throw validationFailed([{ field, message: `must be one of: ${valid}` }], `Unknown plan "${input}"; valid plans: ${valid}`);
  }
}
