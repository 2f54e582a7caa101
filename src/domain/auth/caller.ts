import type { Queryable } from '../../platform/database.js';
import { recordAudit, type AuditEntry } from '../audit/audit-repository.js';
import { actorOf, type Principal } from './principal.js';

/** Who asks for a change and from where: what an audit row needs beyond the change itself. */
export interface Caller {
  principal: Principal;
  ip: string | null;
  requestId: string | null;
}

/** The audit fields that describe the caller; the service adds action, target and details. */
export function auditBy(caller: Caller): Pick<AuditEntry, 'tenantId' | 'actorId' | 'actorType' | 'ip' | 'requestId'> {
  return { tenantId: caller.principal.tenantId, ...actorOf(caller.principal), ip: caller.ip, requestId: caller.requestId };
}

/** Records, in the caller's transaction, that the caller did `action` to `target`. */
export function auditChange(
  db: Queryable,
  caller: Caller,
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(db, { ...auditBy(caller), action, targetType: target.type, targetId: target.id, details });
}
