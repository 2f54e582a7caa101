import type { Queryable } from '../../platform/database.js';
import * as outbox from './outbox-repository.js';

/** The event types of the Webhooks section of API.md. */
export const EVENT_TYPES = [
  'lattice.created',
  'lattice.updated',
  'lattice.deleted',
  'transformation.completed',
  'operation.completed',
  'job.completed',
  'job.failed',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Records a domain event in the outbox, in the transaction `tx` of the change
 * that causes it: the event exists if and only if the change commits.
 */
export function recordEvent(tx: Queryable, tenantId: string, type: EventType, data: Record<string, unknown>): Promise<string> {
  return outbox.insertEvent(tx, { tenantId, type, data });
}

/** What a lattice event carries: `lattice_id, tenant_id, name, dimensions, size` (API.md), plus the shape. */
export function latticeEventData(row: { id: string; tenant_id: string; name: string; shape: number[] }): Record<string, unknown> {
  const side = row.shape[0];
  return {
    lattice_id: row.id,
    tenant_id: row.tenant_id,
    name: row.name,
    dimensions: row.shape.length,
    size: row.shape.every((s) => s === side) ? side : null,
    shape: row.shape,
  };
}

/** What job.completed and job.failed carry (job.failed adds the error). */
export function jobEventData(
  job: { id: string; tenant_id: string; kind: string; operation: string; lattice_id: string | null },
  status: 'succeeded' | 'failed',
): Record<string, unknown> {
  return { job_id: job.id, tenant_id: job.tenant_id, kind: job.kind, operation: job.operation, lattice_id: job.lattice_id, status };
}
