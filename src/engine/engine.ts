import { totalmem } from 'node:os';
import { runOnCpu } from './backends/cpu.js';
import { GpuContext, type GpuConfig } from './backends/gpu-context.js';
import { poolLimitation, runOnPool } from './backends/pool-operations.js';
import { defaultPoolThreads, WorkerPool } from './backends/pool.js';
import { probeGpu, type GpuProbeReport } from './backends/probe.js';
import { gpuLimitation, gpuTransferBytes, runOnGpu } from './backends/webgpu.js';
import { defaultCalibration } from './calibration-file.js';
import type { CostEstimate, RunOptions } from './cost.js';
import { CostModel, type BackendName } from './cost-model.js';
import { EngineError, isEngineError } from './errors.js';
import { FairAdmission } from './fair-admission.js';
import type { KnowledgeCache } from './knowledge-cache.js';
import { cacheKey } from './knowledge-cache-key.js';
import type { Lattice } from './lattice.js';
import { MemoryBudget, type MemoryBudgetState, type Reservation } from './memory-budget.js';
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

/*
 * One engine: the router that picks backends, the worker pool, the GPU
 * device and the memory budget, owned together and closed together. Nothing
 * of this lives in module state, so two engines in one process (two tenants'
 * services, a test beside a CLI run) never share a router, a pool or a budget.
 */

export interface EngineOptions {
  /** Router (cost model) for backend choice; the committed calibration defaults otherwise. */
  router?: Router;
  /** Worker threads of the pool; one per core (at least 2) by default. */
  poolThreads?: number;
  /** WebGPU settings (see gpuConfigFromEnv). */
  gpu?: Partial<GpuConfig>;
  /** Bytes that operation buffers may hold at once; half the machine's memory by default. */
  memoryBudgetBytes?: number;
  /**
   * Longest predicted run (ms) that 'auto' keeps on the caller's thread; a
   * longer one goes to the worker pool, so the caller's event loop stays
   * free and a deadline can stop it. Default 10; Infinity keeps every run in
   * thread unless the router predicts another backend to be faster.
   */
  inlineBudgetMs?: number;
}

export interface EngineRunOptions extends RunOptions {
  /** 'auto' (default) lets the router choose; a named backend is used when it can run the operation. */
  backend?: BackendRequest;
  /** true asks for the GPU (as backend: 'gpu'); false keeps 'auto' off it. */
  useGpu?: boolean;
  /** Memoises results that do not change the lattice. */
  cache?: KnowledgeCache;
  /**
   * Identifies the content of the lattice's value field, for cache keys of
   * operations that read it; without one those are not cached. It must be
   * unique across lattices (e.g. `${latticeId}:${version}`): two lattices with
   * the same definition and version number can hold different fields.
   */
  fieldVersion?: number | string;
  /**
   * Milliseconds the run may take, waiting for memory included. Past it a
   * pool or GPU run is stopped (its worker thread terminated) and the run
   * throws deadline_exceeded. A run on the caller's thread (backend 'cpu', or
   * 'auto' predicted under inlineBudgetMs) cannot be interrupted: it finishes.
   */
  deadlineMs?: number;
  /**
   * Whom the run is for (a tenant id). Runs on the worker pool are admitted
   * in turn across parties, so one party's burst does not queue everyone
   * else's runs behind it; runs without one share a single party.
   */
  party?: string;
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

/** What GET /api/gpu/status reports of an engine: its device, and the work above which the router leaves one thread. */
export interface EngineGpuStatus extends GpuProbeReport {
  routing: { thresholds: ReturnType<Router['thresholds']> };
}

interface CachedRun {
  result: unknown;
  backend: BackendName;
  fallback_reason?: string;
}

const DEFAULT_INLINE_BUDGET_MS = 10;

export class Engine {
  readonly router: Router;
  readonly pool: WorkerPool;
  readonly gpu: GpuContext;
  readonly memory: MemoryBudget;
  /** Admission to the pool, in turn across parties (one slot per pool thread). */
  readonly admission: FairAdmission;
  readonly inlineBudgetMs: number;
  private closed = false;

  constructor(options: EngineOptions = {}) {
    this.router = options.router ?? new Router(new CostModel(defaultCalibration().constants));
    this.pool = new WorkerPool(options.poolThreads ?? defaultPoolThreads());
    this.gpu = new GpuContext(options.gpu);
    this.memory = new MemoryBudget(options.memoryBudgetBytes ?? Math.floor(totalmem() / 2));
    this.admission = new FairAdmission(this.pool.threads);
    const inline = options.inlineBudgetMs ?? DEFAULT_INLINE_BUDGET_MS;
    if (typeof inline !== 'number' || Number.isNaN(inline) || inline < 0) {
      throw new EngineError('invalid_parameter', 'inlineBudgetMs must be a non-negative number', { inlineBudgetMs: inline });
    }
    this.inlineBudgetMs = inline;
  }

  /** The operation's cost estimate (upper bounds on work and bytes); validates like the run. O(d). */
  estimate(l: Lattice, op: OperationName, params: unknown, opts: RunOptions = {}): CostEstimate {
    checkOperation(op);
    return estimateOperation(l, op, params, { threads: this.pool.threads, ...opts });
  }

  /**
   * Validates the request, estimates its cost, consults the knowledge cache,
   * reserves the estimated bytes from the memory budget (waiting in line when
   * others hold them), lets the router pick a backend, runs it and records
   * how long it took against the prediction. Throws EngineError for bad input,
   * an exhausted budget, an abort or a missed deadline; never for a missing GPU.
   */
  async run<K extends OperationName>(
    l: Lattice,
    op: K,
    params: OperationParams[K],
    options: EngineRunOptions = {},
  ): Promise<OperationRun<OperationResults[K]>> {
    if (this.closed) throw new EngineError('aborted', 'the engine is closed');
    checkOperation(op);
    const { backend: requested = 'auto', useGpu, cache, fieldVersion, deadlineMs, signal, party = '', ...opts } = options;
    if (!['auto', 'cpu', 'cpu-pool', 'gpu'].includes(requested)) {
      throw new EngineError('invalid_parameter', 'backend must be one of auto, cpu, cpu-pool, gpu', { backend: requested });
    }
    if (deadlineMs !== undefined && !(typeof deadlineMs === 'number' && deadlineMs > 0 && deadlineMs <= 2 ** 31 - 1)) {
      throw new EngineError('invalid_parameter', 'deadlineMs must be a positive number of milliseconds (at most 2^31 − 1)', {
        deadlineMs,
      });
    }
    const started = performance.now();
    const estimate = estimateOperation(l, op, params, { threads: this.pool.threads, ...opts });

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

    const stop = new Stopper(signal, deadlineMs);
    let reservation: Reservation | null = null;
    try {
      reservation = await this.memory.reserve(estimate.bytes, stop.signal);
      const { result, backend, predictedMs, fallbackReason, measured } = await this.execute(l, op, params, {
        ...opts,
        signal: stop.signal,
        requested,
        useGpu,
        estimate,
        party,
      });
      if (cache !== undefined && key !== null) {
        const entry: CachedRun = { result, backend };
        if (fallbackReason !== undefined) entry.fallback_reason = fallbackReason;
        await cache.set(key, entry);
      }
      const run: OperationRun<OperationResults[K]> = {
        result,
        backend,
        gpu_used: backend === 'gpu',
        estimate,
        predicted_ms: predictedMs,
        execution_time_ms: measured,
        cached: false,
      };
      if (fallbackReason !== undefined) run.fallback_reason = fallbackReason;
      return run;
    } catch (error) {
      throw stop.explain(error);
    } finally {
      reservation?.release();
      stop.dispose();
    }
  }

  /** The GPU probe of this engine's device and the router's thresholds; never throws. */
  async gpuStatus(): Promise<EngineGpuStatus> {
    const probe = await probeGpu(this.gpu);
    return { ...probe, routing: { thresholds: this.router.thresholds() } };
  }

  /** The memory budget's state right now (for metrics). O(waiting runs). */
  memoryState(): MemoryBudgetState {
    return this.memory.state();
  }

  /** Stops the worker threads and closes the GPU device; later runs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
    await this.gpu.release();
  }

  private async execute<K extends OperationName>(
    l: Lattice,
    op: K,
    params: OperationParams[K],
    o: RunOptions & { requested: BackendRequest; useGpu: boolean | undefined; estimate: CostEstimate; party: string },
  ): Promise<{ result: OperationResults[K]; backend: BackendName; predictedMs: number | null; fallbackReason?: string; measured: number }> {
    const { requested, useGpu, estimate, party, ...opts } = o;
    const router = this.router;
    const wantsGpu = requested === 'gpu' || (requested === 'auto' && useGpu === true);
    const gpuConsidered = wantsGpu || (requested === 'auto' && useGpu !== false && router.model.knows(estimate.operation, 'gpu'));
    let gpuUnavailable = gpuLimitation(op, l, params, opts);
    let gpu = null;
    const gpuOpened = this.gpu.isOpen;
    if (gpuUnavailable === null && gpuConsidered) {
      const got = await this.gpu.acquire();
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
      inlineBudgetMs: this.inlineBudgetMs,
      capabilities: {
        poolUnavailable: poolLimitation(op, params),
        gpuUnavailable,
        gpuTransferBytes: gpuTransferBytes(op, l, params),
        warm: { poolStarted: this.pool.started, gpuOpened },
      },
    });

    let t0 = performance.now();
    let result: OperationResults[K];
    if (decision.backend === 'gpu' && gpu !== null) result = await runOnGpu(this.gpu, gpu, op, l, params, opts);
    else if (decision.backend === 'cpu-pool') {
      // Timed from admission: the router learns how long the run took, not how long it waited its turn.
      result = await this.admission.run(party, opts.signal, () => {
        t0 = performance.now();
        return runOnPool(this.pool, op, l, params, opts);
      });
    } else result = runOnCpu(op, l, params, opts);
    const measured = performance.now() - t0;
    router.record(estimate.operation, decision.backend, decision.predictedMs, measured);
    return { result, backend: decision.backend, predictedMs: decision.predictedMs, fallbackReason: decision.fallbackReason, measured };
  }
}

/** A new engine; close() it when done (its pool threads keep a process alive). */
export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}

/**
 * The signal a run is stopped by: the caller's, or the deadline's timer,
 * whichever fires first; and the error a stopped run ends with.
 */
class Stopper {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | null;
  private deadlineHit = false;
  private readonly onCallerAbort: () => void;

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly deadlineMs: number | undefined,
  ) {
    this.onCallerAbort = () => this.controller.abort(caller?.reason);
    if (caller?.aborted) this.onCallerAbort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.timer =
      deadlineMs === undefined
        ? null
        : setTimeout(() => {
            this.deadlineHit = true;
            this.controller.abort(`deadline of ${deadlineMs} ms exceeded`);
          }, deadlineMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A stop by the deadline becomes deadline_exceeded; anything else passes through. */
  explain(error: unknown): unknown {
    if (!this.deadlineHit || !(isEngineError(error) && error.code === 'aborted')) return error;
    return new EngineError('deadline_exceeded', `the operation did not finish within its deadline of ${this.deadlineMs} ms`, {
      deadline_ms: this.deadlineMs,
    });
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
