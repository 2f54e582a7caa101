import type { Engine } from '../../engine/engine.js';
import type { OperationParams } from '../../engine/operations.js';
import type { TransformResult } from '../../engine/transforms.js';
import { recordAudit } from '../audit/audit-repository.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../outbox/events.js';
import type { LatticeService } from '../lattices/lattice-service.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { TransformAnswer } from './operation-answer-schemas.js';
import type { TransformInput } from './operation-input-schemas.js';
import * as operations from './operation-repository.js';
import type { OperationOutcome } from './operation-repository.js';
import { engineBudget, fallbackReason, guarded, type RunContext } from './run-context.js';

/** Who a transform is done for, as its history row and audit entry record it. */
export interface TransformActor {
  actorId: string | null;
  actorType: 'user' | 'api_key' | 'system';
  ip: string | null;
  requestId: string | null;
}

export interface TransformRun {
  latticeId: string;
  operationId: string;
  /** Set when a job runs it: the history row exists already and is completed, not inserted. */
  jobId: string | null;
  params: OperationParams['transform'];
  input: TransformInput;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

interface TransformDeps {
  engine: Engine;
  lattices: LatticeService;
  knowledge: KnowledgeStore;
}

/**
 * Applies one transform under the lattice's row lock, so concurrent writers
 * run one after another, each on the version its predecessor committed. The
 * new field and version, the cache invalidation, the history row and the
 * audit entry commit together or not at all.
 */
export async function applyTransform(d: TransformDeps, ctx: RunContext, actor: TransformActor, t: TransformRun): Promise<TransformAnswer> {
  return d.lattices.withLatticeLock({ tenantId: ctx.tenantId }, t.latticeId, async (tx, row) => {
    if (t.jobId !== null) {
      // A retried job whose earlier attempt committed (its worker died right after) must not transform twice.
      const earlier = await operations.find(tx, ctx.tenantId, t.operationId);
      // Its history row keeps the whole answer (see the outcome below).
      if (earlier?.status === 'succeeded' && earlier.result_summary !== null) return earlier.result_summary as TransformAnswer;
    }
    const loaded = await d.lattices.loadForUpdate(tx, row);
    const run = await guarded('transform', ctx, () =>
      d.engine.run(loaded.lattice, 'transform', t.params, {
        useGpu: ctx.gpuAllowed ? t.input.use_gpu : false,
        maxMaterializedVertices: engineBudget(ctx),
        signal: t.signal,
        onProgress: t.onProgress,
        party: ctx.tenantId,
      }),
    );
    const saved = await d.lattices.saveField(tx, ctx.tenantId, t.latticeId, loaded.lattice.field!, row.version);
    await d.knowledge.invalidate(tx, ctx.tenantId, t.latticeId);
    const { transformation: _type, reversible, catalytic, ...details } = run.result as unknown as TransformResult & Record<string, unknown>;
    const fallback = fallbackReason(ctx, t.input, run);
    const answer: TransformAnswer = {
      operation_id: t.operationId,
      lattice_id: t.latticeId,
      transformation_type: t.input.transformation_type,
      version: saved.version,
      gpu_used: run.gpu_used,
      backend: run.backend,
      ...(fallback === undefined ? {} : { fallback_reason: fallback }),
      reversible,
      execution_time_ms: run.execution_time_ms,
      cached: false,
      result_summary: { success: true, ...details },
      // The field is the catalytic tape: the engine applies the reported inverse to the new field and
      // compares checksums, so `restored` is computed, not inferred from `reversible`.
      catalytic: { aux_bytes: catalytic.tape_bytes, checksum_restored: catalytic.checksum_restored, restored: catalytic.restored },
    };
    const outcome: OperationOutcome = {
      status: 'succeeded',
      resultSummary: answer,
      backend: run.backend,
      gpuUsed: run.gpu_used,
      fallbackReason: fallback ?? null,
      cached: false,
      executionTimeMs: run.execution_time_ms,
    };
    if (t.jobId === null) {
      await operations.insert(
        tx,
        {
          id: t.operationId,
          tenantId: ctx.tenantId,
          latticeId: t.latticeId,
          type: 'transform',
          parameters: t.input as unknown as Record<string, unknown>,
          status: 'succeeded',
          actorId: actor.actorId,
          actorType: actor.actorType,
          jobId: null,
        },
        outcome,
      );
    } else {
      // A job cancelled meanwhile has its history row cancelled: the transform must not land.
      if (!(await operations.finish(tx, ctx.tenantId, t.operationId, outcome))) {
        throw new AppError('conflict', 'The job was cancelled before its transform was stored');
      }
    }
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorId: actor.actorId,
      actorType: actor.actorType,
      action: 'lattice.transformed',
      targetType: 'lattice',
      targetId: t.latticeId,
      details: {
        operation_id: t.operationId,
        transformation_type: t.input.transformation_type,
        version: saved.version,
        checksum_before: details.checksum_before,
        checksum_after: details.checksum_after,
      },
      ip: actor.ip,
      requestId: actor.requestId,
    });
    await recordEvent(tx, ctx.tenantId, 'transformation.completed', {
      operation_id: t.operationId,
      lattice_id: t.latticeId,
      tenant_id: ctx.tenantId,
      transformation_type: t.input.transformation_type,
      version: saved.version,
      job_id: t.jobId,
    });
    return answer;
  });
}
