import { Type } from '@sinclair/typebox';
import { Uuid } from '../../domain/common-schemas.js';
import { PathBody } from '../../domain/operations/operation-input-schemas.js';

/** What the operation routes answer besides an operation's own result: a queued run, the binary field, the compat body. */

const OPERATION_ID = '01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f';
const JOB_ID = '01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0';

export const Accepted = Type.Object(
  {
    job_id: Uuid,
    status_url: Type.String({ description: 'GET it for status, progress and, once succeeded, the same result a synchronous answer gives' }),
    operation_id: Uuid,
  },
  {
    description: 'Queued as a job (large, or async=true)',
    examples: [{ job_id: JOB_ID, status_url: `/api/v1/jobs/${JOB_ID}`, operation_id: OPERATION_ID }],
  },
);

export const DistancesBinary = Type.String({
  format: 'binary',
  description: 'Int32 little-endian per vertex, row-major (last dimension fastest); −1 for obstacles and unreached vertices',
});

/** For old clients: the path body with the lattice named in it. */
export const CompatPathBody = Type.Object(
  { ...PathBody.properties, lattice_id: Uuid },
  { additionalProperties: false, examples: [{ lattice_id: '01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c', start: [0, 0, 0], end: [9, 9, 9] }] },
);
