import { planLimits } from './plan-limits.js';
import type { PlanRow } from './plan-repository.js';
import type { PlanView } from './plan-schemas.js';

export const planView = (p: PlanRow): PlanView => ({ code: p.code, name: p.name, limits: planLimits(p) });
