import { Type } from '@sinclair/typebox';
import { Uuid } from '../../domain/common-schemas.js';
import { OPERATION_NAMES } from '../../engine/operations.js';
import { StringEnum } from '../../domain/string-enum.js';

/** Query strings of the API's routes. */

export const Pagination = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const AuditQuerySchema = Type.Composite([
  Pagination,
  Type.Object({
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact action, e.g. user.invited' })),
    actor_id: Type.Optional(Uuid),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or before this time' })),
  }),
]);

export const AdminTenantQuery = Type.Object({
  ...Pagination.properties,
  status: Type.Optional(StringEnum(['active', 'suspended'], { description: 'Only tenants in this status' })),
});

export const LatticeListQuery = Type.Object({
  ...Pagination.properties,
  name: Type.Optional(Type.String({ maxLength: 100, description: 'Case-insensitive substring of the name' })),
});

export const OperationQuery = Type.Object({
  async: Type.Optional(
    Type.Boolean({
      description:
        'true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES).',
    }),
  ),
});

export const OperationListQuery = Type.Object({
  ...Pagination.properties,
  type: Type.Optional(StringEnum(OPERATION_NAMES, { description: 'Only operations of this type' })),
});
