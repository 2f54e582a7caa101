import type { CostEstimate } from './cost.js';
import { CostModel, type BackendName, type WarmState } from './cost-model.js';

export type BackendRequest = 'auto' | BackendName;

/** What the backends can do for this one run; the runner fills it in. */
export interface Capabilities {
  /** Null when the worker pool can run it; otherwise why not. */
  poolUnavailable: string | null;
  /** Null when the GPU can run it; otherwise why not (no adapter, no kernel for this operation, ...). */
  gpuUnavailable: string | null;
  /** Bytes the GPU run would copy between host and device. */
  gpuTransferBytes: number;
  warm: WarmState;
}

export interface RouteRequest {
  operation: string;
  estimate: CostEstimate;
  requested: BackendRequest;
  /** false keeps 'auto' off the GPU; true asks for it like requested: 'gpu'. */
  useGpu?: boolean;
  /**
   * Longest predicted run that 'auto' leaves on the caller's thread; past it
   * the worker pool takes it even when one thread would be faster, so the
   * caller stays responsive. Infinity (default) decides on speed alone.
   */
  inlineBudgetMs?: number;
  capabilities: Capabilities;
}

export interface RouteDecision {
  backend: BackendName;
  /** Set when the caller asked for a backend that could not be used. */
  fallbackReason?: string;
  predictedMs: number | null;
  predictions: Partial<Record<BackendName, number | null>>;
}

interface ErrorStats {
  runs: number;
  sumAbsRelError: number;
  lastPredictedMs: number | null;
  lastMeasuredMs: number;
}

export interface RouterStats {
  decisions: Record<BackendName, number>;
  fallbacks: number;
  /** Per "operation/backend": runs, mean |predicted − measured| / measured, last pair, learnt correction. */
  predictionError: Record<
    string,
    { runs: number; meanAbsRelError: number | null; lastPredictedMs: number | null; lastMeasuredMs: number; correction: number }
  >;
}

/**
 * Chooses a backend per run from the operation's cost estimate and the
 * calibrated cost model, and keeps score of how well it predicted.
 */
export class Router {
  readonly model: CostModel;
  private readonly decisions: Record<BackendName, number> = { cpu: 0, 'cpu-pool': 0, gpu: 0 };
  private fallbacks = 0;
  private readonly errors = new Map<string, ErrorStats>();

  constructor(model: CostModel) {
    this.model = model;
  }

  /** Picks the backend; O(1). Honours an explicit request when possible, otherwise the fastest prediction. */
  route(req: RouteRequest): RouteDecision {
    const { operation, estimate, capabilities: caps } = req;
    const predict = (b: BackendName): number | null =>
      this.model.predictMs(operation, b, estimate, caps.warm, b === 'gpu' ? caps.gpuTransferBytes : 0);
    const predictions: Partial<Record<BackendName, number | null>> = { cpu: predict('cpu') };
    const requested: BackendRequest = req.requested === 'auto' && req.useGpu === true ? 'gpu' : req.requested;

    let decision: RouteDecision;
    if (requested === 'gpu') {
      decision =
        caps.gpuUnavailable === null
          ? this.pick('gpu', predictions, predict)
          : this.fallback(caps.gpuUnavailable, req, predictions, predict);
    } else if (requested === 'cpu-pool') {
      decision =
        caps.poolUnavailable === null
          ? this.pick('cpu-pool', predictions, predict)
          : this.fallback(caps.poolUnavailable, req, predictions, predict);
    } else if (requested === 'cpu') {
      decision = this.pick('cpu', predictions, predict);
    } else {
      decision = this.fastest(req, predictions, predict);
    }
    this.decisions[decision.backend]++;
    if (decision.fallbackReason !== undefined) this.fallbacks++;
    return decision;
  }

  /** Records a finished run for the prediction-error statistics and the model's learning; O(1). */
  record(operation: string, backend: BackendName, predictedMs: number | null, measuredMs: number): void {
    const k = `${operation}/${backend}`;
    const s = this.errors.get(k) ?? { runs: 0, sumAbsRelError: 0, lastPredictedMs: null, lastMeasuredMs: 0 };
    s.runs++;
    s.lastPredictedMs = predictedMs;
    s.lastMeasuredMs = measuredMs;
    // Sub-millisecond runs are dominated by timer noise; they would swamp the mean.
    if (predictedMs !== null && measuredMs >= 1) s.sumAbsRelError += Math.abs(predictedMs - measuredMs) / measuredMs;
    this.errors.set(k, s);
    if (predictedMs !== null) this.model.observe(operation, backend, predictedMs, measuredMs);
  }

  stats(): RouterStats {
    const corrections = this.model.correctionFactors();
    const predictionError: RouterStats['predictionError'] = {};
    for (const [k, s] of this.errors) {
      predictionError[k] = {
        runs: s.runs,
        meanAbsRelError: s.runs === 0 ? null : s.sumAbsRelError / s.runs,
        lastPredictedMs: s.lastPredictedMs,
        lastMeasuredMs: s.lastMeasuredMs,
        correction: corrections[k] ?? 1,
      };
    }
    return { decisions: { ...this.decisions }, fallbacks: this.fallbacks, predictionError };
  }

  /** Work above which the pool / GPU beats one thread, per operation (for GET /api/gpu/status). */
  thresholds(): { 'cpu-pool': Record<string, number | null>; gpu: Record<string, number | null> } {
    return { 'cpu-pool': this.model.thresholds('cpu-pool'), gpu: this.model.thresholds('gpu') };
  }

  private pick(
    backend: BackendName,
    predictions: Partial<Record<BackendName, number | null>>,
    predict: (b: BackendName) => number | null,
  ): RouteDecision {
    predictions[backend] ??= predict(backend);
    return { backend, predictedMs: predictions[backend] ?? null, predictions };
  }

  private fallback(
    reason: string,
    req: RouteRequest,
    predictions: Partial<Record<BackendName, number | null>>,
    predict: (b: BackendName) => number | null,
  ): RouteDecision {
    // Falling back still goes to the best backend that remains, the GPU excluded.
    const best = this.fastest({ ...req, useGpu: false }, predictions, predict);
    return { ...best, fallbackReason: reason };
  }

  private fastest(
    req: RouteRequest,
    predictions: Partial<Record<BackendName, number | null>>,
    predict: (b: BackendName) => number | null,
  ): RouteDecision {
    const caps = req.capabilities;
    // Calibration decides: a backend is a candidate once it has a measured line. The estimate's
    // `parallelizable` only says the work can be split, not that splitting pays on this machine.
    const candidates: BackendName[] = ['cpu'];
    if (caps.poolUnavailable === null && this.model.knows(req.operation, 'cpu-pool')) candidates.push('cpu-pool');
    if (req.useGpu !== false && caps.gpuUnavailable === null && this.model.knows(req.operation, 'gpu')) candidates.push('gpu');
    let best: BackendName = 'cpu';
    let bestMs = Infinity;
    for (const b of candidates) {
      const ms = (predictions[b] ??= predict(b));
      if (ms !== null && ms < bestMs) {
        best = b;
        bestMs = ms;
      }
    }
    const inline = req.inlineBudgetMs ?? Infinity;
    if (best === 'cpu' && caps.poolUnavailable === null && (predictions.cpu ?? Infinity) > inline) {
      // Too long for the caller's thread: the pool runs it, split or whole.
      predictions['cpu-pool'] ??= predict('cpu-pool');
      best = 'cpu-pool';
    }
    return { backend: best, predictedMs: predictions[best] ?? null, predictions };
  }
}
