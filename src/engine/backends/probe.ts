import type { GpuContext } from './gpu-context.js';

export interface GpuDeviceReport {
  id: number;
  name: string;
  /** WebGPU does not expose device memory, so this stays null rather than a guess. */
  memory_total_gb: number | null;
  /** Memory held by Catalytic's own GPU buffers right now. */
  memory_used_mb: number;
  description: string;
  feature_level: 'core' | 'compatibility';
  fallback_adapter: boolean;
}

export interface GpuProbeReport {
  available: boolean;
  backend: 'webgpu' | 'none';
  device_count: number;
  devices: GpuDeviceReport[];
  /** Why there is no GPU; null when one is available. */
  reason: string | null;
}

/** What the GPU status route reports of one engine's device; never throws, also when the native module is missing. O(1) after the first call. */
export async function probeGpu(context: GpuContext): Promise<GpuProbeReport> {
  const got = await context.acquire();
  if (!got.ok) return { available: false, backend: 'none', device_count: 0, devices: [], reason: got.reason };
  const gpu = got.gpu;
  return {
    available: true,
    backend: 'webgpu',
    device_count: 1,
    devices: [
      {
        id: 0,
        name: gpu.name,
        memory_total_gb: null,
        memory_used_mb: context.bytesInUse / (1024 * 1024),
        description: gpu.description,
        feature_level: gpu.featureLevel,
        fallback_adapter: gpu.isFallbackAdapter,
      },
    ],
    reason: null,
  };
}
