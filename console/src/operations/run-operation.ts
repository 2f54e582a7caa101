import { call, callBinary, type Answer } from '../api/client';
import type { OperationName } from './operation-specs';

type Done<P extends `/api/v1/lattices/{id}/${OperationName}`> = Exclude<Answer<P, 'post'>, { job_id: string }>;

/** The synchronous answer of each operation, as the OpenAPI document types it. */
export interface OperationAnswers {
  path: Done<'/api/v1/lattices/{id}/path'>;
  distances: Done<'/api/v1/lattices/{id}/distances'>;
  neighbors: Done<'/api/v1/lattices/{id}/neighbors'>;
  components: Done<'/api/v1/lattices/{id}/components'>;
  centrality: Done<'/api/v1/lattices/{id}/centrality'>;
  analyze: Done<'/api/v1/lattices/{id}/analyze'>;
  diffusion: Done<'/api/v1/lattices/{id}/diffusion'>;
  'random-walk': Done<'/api/v1/lattices/{id}/random-walk'>;
  partition: Done<'/api/v1/lattices/{id}/partition'>;
  spectrum: Done<'/api/v1/lattices/{id}/spectrum'>;
  transform: Done<'/api/v1/lattices/{id}/transform'>;
}

export type Accepted = Extract<Answer<'/api/v1/lattices/{id}/path', 'post'>, { job_id: string }>;

/** The members every operation answer shares; the binary distance field carries them in headers. */
export interface Envelope {
  operation_id: string;
  execution_time_ms: number;
  backend: string;
  gpu_used: boolean;
  cached?: boolean;
  fallback_reason?: string;
}

export type OperationResult = {
  [K in OperationName]: { op: K; request: Record<string, unknown>; answer: OperationAnswers[K] };
}[OperationName];

export type RunOutcome =
  | { kind: 'done'; result: OperationResult }
  /** The distance field itself (Int32 per vertex, −1 obstacle or unreached) with the envelope from the headers. */
  | { kind: 'field'; request: Record<string, unknown>; field: Int32Array; envelope: Envelope }
  | { kind: 'job'; op: OperationName; request: Record<string, unknown>; accepted: Accepted };

export interface RunOptions {
  /** Always as a job (?async=true). */
  asJob: boolean;
  /** Ask distances for the binary field (small enough lattices only). */
  binaryField: boolean;
}

function envelopeFrom(h: Headers): Envelope {
  return {
    operation_id: h.get('x-operation-id') ?? '',
    execution_time_ms: Number(h.get('x-execution-time-ms')),
    backend: h.get('x-backend') ?? '',
    gpu_used: h.get('x-gpu-used') === 'true',
    cached: h.get('x-cached') === 'true',
  };
}

/** Runs one operation; a 202 comes back as a job to watch. */
export async function runOperation(
  latticeId: string,
  op: OperationName,
  request: Record<string, unknown>,
  opts: RunOptions,
): Promise<RunOutcome> {
  const query = opts.asJob ? { async: true } : {};
  const path = `/api/v1/lattices/{id}/${op}` as '/api/v1/lattices/{id}/path';
  if (op === 'distances' && opts.binaryField && !opts.asJob) {
    const res = await callBinary(path, { params: { id: latticeId }, query, body: request as never });
    if (res.json !== null) return { kind: 'job', op, request, accepted: res.json as Accepted };
    return { kind: 'field', request, field: new Int32Array(res.bytes), envelope: envelopeFrom(res.headers) };
  }
  const res = await call('post', path, { params: { id: latticeId }, query, body: request as never });
  if (res.status === 202) return { kind: 'job', op, request, accepted: res.data as Accepted };
  return { kind: 'done', result: { op, request, answer: res.data } as OperationResult };
}
