import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../common-schemas.js';

const LATTICE_ID = '01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c';
const OPERATION_ID = '01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f';
const Num = Type.Number();

/** `GET /lattices/{id}/operations`: the lattice's operation history. */
const Nullish = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const OperationEntry = Type.Object({
  id: Uuid,
  operation_id: Uuid,
  lattice_id: Uuid,
  type: Type.String(),
  transformation_type: Type.Optional(Type.String()),
  status: Type.Unsafe<string>({ type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }),
  parameters: Type.Object({}, { additionalProperties: true, description: 'The request body' }),
  result_summary: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
    description: 'The answer with long arrays cut (summary_truncated: true then); for a failed job, its error',
  }),
  backend: Nullish(Type.String()),
  gpu_used: Type.Boolean(),
  fallback_reason: Nullish(Type.String()),
  cached: Type.Boolean(),
  execution_time_ms: Type.Union([Num, Type.Null()]),
  actor_id: Nullish(Uuid),
  actor_type: Type.String(),
  job_id: Nullish(Uuid),
  created_at: Timestamp,
});

export const OperationList = Type.Object(
  { operations: Type.Array(OperationEntry) },
  {
    description: 'Newest first',
    examples: [
      {
        operations: [
          {
            id: OPERATION_ID,
            operation_id: OPERATION_ID,
            lattice_id: LATTICE_ID,
            type: 'path',
            status: 'succeeded',
            parameters: { start: [0, 0], end: [2, 2] },
            result_summary: { reachable: true, hops: 4 },
            backend: 'cpu',
            gpu_used: false,
            fallback_reason: null,
            cached: false,
            execution_time_ms: 0.3,
            actor_id: '01920c8f-0a1b-7c2d-9e3f-4a5b6c7d8e9f',
            actor_type: 'user',
            job_id: null,
            created_at: '2025-01-15T09:30:00.000Z',
          },
        ],
      },
    ],
  },
);

/** One entry of a lattice's operation history. */
export type OperationView = Static<typeof OperationEntry>;
