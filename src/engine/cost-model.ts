import type { CostEstimate } from './cost.js';

export type BackendName = 'cpu' | 'cpu-pool' | 'gpu';
export const BACKENDS: readonly BackendName[] = ['cpu', 'cpu-pool', 'gpu'];

/** Time = fixedMs + work · nsPerWork / 10⁶, fitted per operation and backend by calibration. */
export interface LinearCost {
  fixedMs: number;
  nsPerWork: number;
}

export interface CostConstants {
  /** Per operation, per backend; a missing backend means "not calibrated, do not pick it automatically". */
  operations: Record<string, Partial<Record<BackendName, LinearCost>>>;
  /** One-time cost of starting the worker pool's threads. */
  poolStartMs: number;
  /** Least cost of a pool run (sending a task and its answer); used for operations without their own pool line. */
  poolDispatchMs?: number;
  /** One-time cost of opening the WebGPU device. */
  gpuInitMs: number;
  /** Host ↔ device copy cost, charged on top of the GPU line for the bytes each run moves. */
  gpuTransferNsPerByte: number;
}

export interface WarmState {
  poolStarted: boolean;
  gpuOpened: boolean;
}

interface Correction {
  logRatio: number;
  samples: number;
}

/** A pool round trip when calibration did not measure one. */
const DEFAULT_POOL_DISPATCH_MS = 0.5;

/** Weight of the newest observation in the running correction; ~10 runs of memory. */
const LEARNING_RATE = 0.1;

/**
 * Predicts run times from calibrated constants and learns a per (operation,
 * backend) correction factor from measured runs, so a model calibrated on
 * another machine converges to this one.
 */
export class CostModel {
  readonly constants: CostConstants;
  private readonly corrections = new Map<string, Correction>();

  constructor(constants: CostConstants) {
    this.constants = constants;
  }

  /** Whether calibration has a line for this pair; O(1). */
  knows(operation: string, backend: BackendName): boolean {
    return this.constants.operations[operation]?.[backend] !== undefined;
  }

  /**
   * Predicted wall time in ms; O(1). Operations never calibrated on the CPU
   * borrow the median CPU rate of those that were, so there is always an answer
   * for 'cpu'. The pool runs an operation without its own pool line whole in
   * one worker: its CPU time plus a dispatch. The GPU needs its own line.
   */
  predictMs(operation: string, backend: BackendName, estimate: CostEstimate, warm: WarmState, transferBytes = 0): number | null {
    let line = this.constants.operations[operation]?.[backend];
    let extraMs = 0;
    if (line === undefined && backend !== 'gpu') {
      line = this.constants.operations[operation]?.cpu ?? this.medianCpuLine();
      if (backend === 'cpu-pool') extraMs = this.constants.poolDispatchMs ?? DEFAULT_POOL_DISPATCH_MS;
    }
    if (line === undefined) return null;
    let ms = line.fixedMs + extraMs + (estimate.work * line.nsPerWork) / 1e6;
    if (backend === 'cpu-pool' && !warm.poolStarted) ms += this.constants.poolStartMs;
    if (backend === 'gpu') {
      ms += (transferBytes * this.constants.gpuTransferNsPerByte) / 1e6;
      if (!warm.gpuOpened) ms += this.constants.gpuInitMs;
    }
    const correction = this.corrections.get(key(operation, backend));
    return correction === undefined ? ms : ms * Math.exp(correction.logRatio);
  }

  /** Folds one measured run into the correction for (operation, backend); O(1). */
  observe(operation: string, backend: BackendName, predictedMs: number, measuredMs: number): void {
    if (!(predictedMs > 0) || !(measuredMs > 0)) return;
    const k = key(operation, backend);
    const previous = this.corrections.get(k) ?? { logRatio: 0, samples: 0 };
    // predictedMs already includes the previous correction, so the update is relative to it.
    const error = Math.log(measuredMs / predictedMs);
    this.corrections.set(k, { logRatio: previous.logRatio + LEARNING_RATE * error, samples: previous.samples + 1 });
  }

  /** Current multiplicative correction per "operation/backend". */
  correctionFactors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, c] of this.corrections) out[k] = Math.exp(c.logRatio);
    return out;
  }

  /**
   * Smallest work at which `backend` is predicted to beat the in-thread CPU
   * for each calibrated operation (warm, transfers ignored); null when it never
   * does. O(operations).
   */
  thresholds(backend: Exclude<BackendName, 'cpu'>): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    for (const [op, lines] of Object.entries(this.constants.operations)) {
      const cpu = lines.cpu;
      const other = lines[backend];
      if (cpu === undefined || other === undefined) continue;
      const slopeGain = cpu.nsPerWork - other.nsPerWork;
      if (slopeGain <= 0) {
        out[op] = other.fixedMs <= cpu.fixedMs ? 0 : null;
        continue;
      }
      out[op] = Math.max(0, Math.ceil(((other.fixedMs - cpu.fixedMs) * 1e6) / slopeGain));
    }
    return out;
  }

  private medianCpuLine(): LinearCost | undefined {
    const lines = Object.values(this.constants.operations)
      .map((l) => l.cpu)
      .filter((l): l is LinearCost => l !== undefined)
      .sort((a, b) => a.nsPerWork - b.nsPerWork);
    return lines.length === 0 ? undefined : lines[lines.length >> 1];
  }
}

function key(operation: string, backend: BackendName): string {
  return `${operation}/${backend}`;
}
