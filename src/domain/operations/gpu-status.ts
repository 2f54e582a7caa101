import type { Engine } from '../../engine/engine.js';
import type { GpuStatus } from './gpu-status-schemas.js';

/**
 * What the GPU status route reports: the engine's real probe of this
 * process's WebGPU adapter and the work above which the router would send an
 * operation to the worker pool or the GPU (from the calibrated cost model;
 * an operation without calibration has no threshold).
 */
export function gpuStatus(engine: Engine): Promise<GpuStatus> {
  return engine.gpuStatus();
}
