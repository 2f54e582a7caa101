import type { Database } from '../../platform/database.js';
import type { Principal } from '../auth/principal.js';
import { pageOf, type Page, type PageRequest } from '../page.js';
import { listAudit, type AuditEntry, type AuditFilter, type AuditRow } from './audit-repository.js';
import type { AuditView } from './audit-schemas.js';

const auditView = (r: AuditRow): AuditView => ({
  id: r.id,
  actor_id: r.actor_id,
  // The column's CHECK constraint allows exactly these values.
  actor_type: r.actor_type as AuditEntry['actorType'],
  action: r.action,
  target_type: r.target_type,
  target_id: r.target_id,
  details: r.details,
  ip: r.ip,
  request_id: r.request_id,
  created_at: r.created_at.toISOString(),
});

/** Reads the tenant's audit trail, newest first. Writing happens in each area's own transactions. */
export class AuditLogService {
  constructor(private readonly deps: { db: Database }) {}

  async list(principal: Principal, query: AuditFilter, page: PageRequest): Promise<Page<AuditView>> {
    const { rows, total } = await this.deps.db.tenantTransaction(principal.tenantId, (db) =>
      listAudit(db, principal.tenantId, query, page),
    );
    return pageOf(rows, page.limit, total, auditView);
  }
}
