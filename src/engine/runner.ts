import { runOnCpu } from './backends/cpu.js';
import { acquireGpu, isGpuOpen, releaseGpu } from './backends/gpu-context.js';
import { poolLimitation, runOnPool } from './backends/pool-operations.js';
import { closePool, poolStarted } from './backends/pool.js';
import { gpuLimitation, gpuTransferBytes, runOnGpu } from './backends/webgpu.js';
import { defaultCalibration } from './calibration-file.js';
import type { CostEstimate, RunOptions } from './cost.js';
import { CostModel, type BackendName } from './cost-model.js';
import { EngineError } from './errors.js';
import type { KnowledgeCache } from './knowledge-cache.js';
import { cacheKey } from './knowledge-cache-key.js';
import type { Lattice } from './lattice.js';
import {
  checkOperation,
  estimateOperation,
  mutatesLattice,
  readsField,
  type OperationName,
  type OperationParams,
  type OperationResults,
} from './operations.js';
import { Router, type BackendRequest } from './router.js';

export interface RunOperationOptions extends RunOptions {
  /** 'auto' (default) lets the router choose; a named backend is used when it can run the operation. */
  backend?: BackendRequest;
  /** true asks for the GPU (as backend: 'gpu'); false keeps 'auto' off it. */
  useGpu?: boolean;
  /** Router to use; the process-wide one (built-in calibration) otherwise. */
  router?: Router;
  /** Memoises results that do not change the lattice. */
  cache?: KnowledgeCache;
  /**
   * Identifies the content of the lattice's value field, for cache keys of
   * operations that read it; without one those are not cached. It must be
   * unique across lattices (e.g. `${latticeId}:${version}`): two lattices with
   * the same definition and version number can hold different fields.
   */
  fieldVersion?: number | string;
}

export interface OperationRun<R> {
  result: R;
  backend: BackendName;
  gpu_used: boolean;
  fallback_reason?: string;
  estimate: CostEstimate;
  /** The router's prediction for the chosen backend; null when it had none. */
  predicted_ms: number | null;
  execution_time_ms: number;
  /** True when the result came from the knowledge cache (execution_time_ms is then the lookup). */
  cached: boolean;
}

interface CachedRun {
  result: unknown;
  backend: BackendName;
  fallback_reason?: string;
}

let sharedRouter: Router | null = null;

/** The process-wide router, built from the committed calibration defaults until setDefaultRouter replaces it. */
export function defaultRouter(): Router {
  sharedRouter ??= new Router(new CostModel(defaultCalibration().constants));
  return sharedRouter;
}

/** Replaces the process-wide router (e.g. with one built from .catalytic/calibration.json at start-up). */
export function setDefaultRouter(router: Router): void {
  sharedRouter = router;
}

/**
 * The engine's single entry point: validates the request, estimates its
 * cost, consults the knowledge cache, lets the router pick a backend, runs it
 * and records how long it took against the prediction. Throws EngineError for
 * bad input or an exhausted budget; never for a missing GPU.
 */
export async function runOperation<K extends OperationName>(
  l: Lattice,
  op: K,
  params: OperationParams[K],
  options: RunOperationOptions = {},
): Promise<OperationRun<OperationResults[K]>> {
  checkOperation(op);
  const { backend: requested = 'auto', useGpu, router = defaultRouter(), cache, fieldVersion, ...opts } = options;
  if (!['auto', 'cpu', 'cpu-pool', 'gpu'].includes(requested)) {
    throw new EngineError('invalid_parameter', 'backend must be one of auto, cpu, cpu-pool, gpu', { backend: requested });
  }
  const started = performance.now();
  const estimate = estimateOperation(l, op, params, opts);

  const cacheable = cache !== undefined && !mutatesLattice(op) && (fieldVersion !== undefined || !readsField(op, params));
  const key = cacheable ? cacheKey({ lattice: l, fieldVersion: fieldVersion ?? 0, operation: op, params }) : null;
  if (cache !== undefined && key !== null) {
    const hit = (await cache.get(key)) as CachedRun | undefined;
    if (hit !== undefined) {
      const run: OperationRun<OperationResults[K]> = {
        result: hit.result as OperationResults[K],
        backend: hit.backend,
        gpu_used: hit.backend === 'gpu',
        estimate,
        predicted_ms: null,
        execution_time_ms: performance.now() - started,
        cached: true,
      };
      if (hit.fallback_reason !== undefined) run.fallback_reason = hit.fallback_reason;
      return run;
    }
  }

  const wantsGpu = requested === 'gpu' || (requested === 'auto' && useGpu === true);
  const gpuConsidered = wantsGpu || (requested === 'auto' && useGpu !== false && router.model.knows(estimate.operation, 'gpu'));
  let gpuUnavailable = gpuLimitation(op, l, params, opts);
  let gpu = null;
  const gpuOpened = isGpuOpen();
  if (gpuUnavailable === null && gpuConsidered) {
    const got = await acquireGpu();
    if (got.ok) gpu = got.gpu;
    else gpuUnavailable = got.reason;
  } else if (gpuUnavailable === null) {
    gpuUnavailable = 'not considered: the cost model has no GPU calibration for this operation';
  }
  const decision = router.route({
    operation: estimate.operation,
    estimate,
    requested,
    useGpu,
    capabilities: {
      poolUnavailable: poolLimitation(op, l, params),
      gpuUnavailable,
      gpuTransferBytes: gpuTransferBytes(op, l, params),
      warm: { poolStarted: poolStarted(), gpuOpened },
    },
  });

  const t0 = performance.now();
  let result: OperationResults[K];
  if (decision.backend === 'gpu' && gpu !== null) result = await runOnGpu(gpu, op, l, params, opts);
  else if (decision.backend === 'cpu-pool') result = await runOnPool(op, l, params, opts);
  else result = runOnCpu(op, l, params, opts);
  const measured = performance.now() - t0;
  router.record(estimate.operation, decision.backend, decision.predictedMs, measured);

  if (cache !== undefined && key !== null) {
    const entry: CachedRun = { result, backend: decision.backend };
    if (decision.fallbackReason !== undefined) entry.fallback_reason = decision.fallbackReason;
    await cache.set(key, entry);
  }
  const run: OperationRun<OperationResults[K]> = {
    result,
    backend: decision.backend,
    gpu_used: decision.backend === 'gpu',
    estimate,
    predicted_ms: decision.predictedMs,
    execution_time_ms: measured,
    cached: false,
  };
  if (decision.fallbackReason !== undefined) run.fallback_reason = decision.fallbackReason;
  return run;
}

/** Stops the worker pool and closes the GPU device, e.g. in the service's onClose hook. */
export async function closeBackends(): Promise<void> {
  await closePool();
  await releaseGpu();
}
