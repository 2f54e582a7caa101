import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';
import { StringEnum } from '../string-enum.js';

export const AuditEntrySchema = Type.Object(
  {
    id: Uuid,
    actor_id: Type.Union([Uuid, Type.Null()], { description: 'The user or API key that acted; null for the system' }),
    actor_type: StringEnum(['user', 'api_key', 'system']),
    action: Type.String({ description: 'e.g. user.invited, user.updated, api_key.created, tenant.plan_changed' }),
    target_type: Type.Union([Type.String(), Type.Null()]),
    target_id: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
    ip: Type.Union([Type.String(), Type.Null()]),
    request_id: Type.Union([Type.String(), Type.Null()]),
    created_at: Timestamp,
  },
  {
    additionalProperties: false,
    examples: [
      {
        id: '01920c91-2d3e-7f4a-9b5c-6d7e8f9a0b1c',
        actor_id: '01920c8f-0a1b-7c2d-8e3f-4a5b6c7d8e9f',
        actor_type: 'user',
        action: 'tenant.plan_changed',
        target_type: 'tenant',
        target_id: '01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f',
        details: { from: 'free', to: 'pro' },
        ip: '203.0.113.7',
        request_id: '01920c91-2d3e-7f4a-9b5c-000000000001',
        created_at: '2025-01-15T09:30:00.000Z',
      },
    ],
  },
);

export const AuditList = Type.Array(AuditEntrySchema);

export type AuditView = Static<typeof AuditEntrySchema>;
