import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Job = Type.Object(
  {
    id: Uuid,
    status: Type.Union(['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    kind: Type.String(),
    operation: Type.String(),
    lattice_id: Nullable(Uuid),
    parameters: Type.Record(Type.String(), Type.Unknown()),
    attempts: Type.Integer(),
    result: Type.Unknown({ description: 'The operation result once succeeded' }),
    error: Nullable(Type.Object({ code: Type.String(), detail: Type.String() })),
    created_at: Timestamp,
    started_at: Nullable(Timestamp),
    finished_at: Nullable(Timestamp),
    expires_at: Nullable(Timestamp),
  },
  {
    examples: [
      {
        id: '01936f7e-8a4b-7c2d-9e1f-0a1b2c3d4e5f',
        status: 'succeeded',
        progress: 1,
        kind: 'lattice.operation',
        operation: 'distances',
        lattice_id: '01936f7e-0000-7000-8000-000000000001',
        parameters: { sources: [[0, 0]] },
        attempts: 1,
        result: { reached: 1000000 },
        error: null,
        created_at: '2026-01-01T00:00:00.000Z',
        started_at: '2026-01-01T00:00:00.100Z',
        finished_at: '2026-01-01T00:00:01.000Z',
        expires_at: '2026-01-08T00:00:01.000Z',
      },
    ],
  },
);

/** A job as `GET /jobs/{id}` shows it. */
export type JobView = Static<typeof Job>;
