import { planLimits, type PlanLimits } from './plan-limits.js';
import type { PlanRow } from './plan-repository.js';

export interface PlanView {
  code: string;
  name: string;
  limits: PlanLimits;
}

export const planView = (p: PlanRow): PlanView => ({ code: p.code, name: p.name, limits: planLimits(p) });
