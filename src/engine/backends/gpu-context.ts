/// <reference types="@webgpu/types" />

/*
 * The WebGPU device of one engine, opened on first use through Dawn's node
 * binding. Everything that can go wrong on a machine without a GPU (the
 * native module failing to load, no adapter, a lost device) ends up as a
 * `reason` string, never as an exception, so callers can fall back to the CPU.
 */

export interface GpuConfig {
  /** Options for Dawn's `create()`, e.g. ['backend=opengles'] to reach Mesa's llvmpipe. */
  dawnOptions: string[];
  /** 'compatibility' also accepts OpenGL ES adapters, which core WebGPU refuses. */
  featureLevels: Array<'core' | 'compatibility'>;
}

export interface GpuHandle {
  /** Dawn's GPU object: the device dies with it, so it is kept as long as the device. */
  instance: GPU;
  device: GPUDevice;
  name: string;
  description: string;
  featureLevel: 'core' | 'compatibility';
  isFallbackAdapter: boolean;
  maxWorkgroupsPerDimension: number;
  maxStorageBufferBindingSize: number;
  /** Compute pipelines compiled on this device, by shader source. */
  pipelines: Map<string, GPUComputePipeline>;
  /** Book-keeping for the probe's memory_used_mb; kernels call it when they create and destroy buffers. */
  trackBytes(delta: number): void;
}

export type GpuAcquisition = { ok: true; gpu: GpuHandle } | { ok: false; reason: string };

const DEFAULT_CONFIG: GpuConfig = { dawnOptions: [], featureLevels: ['core', 'compatibility'] };

/**
 * Reads the GPU settings from an environment map (the caller passes
 * process.env): CATALYTIC_DAWN_OPTIONS is a ';'-separated list of Dawn
 * options. O(1).
 */
export function gpuConfigFromEnv(env: Record<string, string | undefined>): GpuConfig {
  const raw = env.CATALYTIC_DAWN_OPTIONS?.trim();
  const dawnOptions = raw
    ? raw
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [];
  return { dawnOptions, featureLevels: DEFAULT_CONFIG.featureLevels };
}

export class GpuContext {
  readonly config: GpuConfig;
  private pending: Promise<GpuAcquisition> | null = null;
  private current: GpuHandle | null = null;
  // Bytes of device buffers that our kernels currently hold, reported by the probe.
  private bytes = 0;
  // One GPU run at a time: error scopes are per device, and runs gain nothing from interleaving.
  private queueTail: Promise<unknown> = Promise.resolve();

  constructor(config: Partial<GpuConfig> = {}) {
    this.config = { ...DEFAULT_CONFIG, ...config };
  }

  /** The device, opened on first call and memoised (also when there is none). */
  acquire(): Promise<GpuAcquisition> {
    this.pending ??= this.open();
    return this.pending;
  }

  /** Whether a device is open right now (opening one is a one-time cost the router accounts for). */
  get isOpen(): boolean {
    return this.current !== null;
  }

  get bytesInUse(): number {
    return this.bytes;
  }

  /** Runs `work` after every GPU run queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queueTail.then(work);
    this.queueTail = run.catch(() => undefined);
    return run;
  }

  /** Destroys the device, if one is open, so a later acquire() starts afresh. */
  async release(): Promise<void> {
    const opening = this.pending;
    this.pending = null;
    this.current = null;
    this.bytes = 0;
    if (opening === null) return;
    const got = await opening;
    if (got.ok) got.gpu.device.destroy();
  }

  private async open(): Promise<GpuAcquisition> {
    let gpu: GPU;
    let globals: object;
    try {
      const mod = await import('webgpu');
      gpu = mod.create(this.config.dawnOptions);
      globals = mod.globals;
    } catch (error) {
      return { ok: false, reason: `WebGPU native module could not be loaded: ${describe(error)}` };
    }
    // Kernels use GPUBufferUsage and friends, which Dawn only provides as globals.
    for (const [name, value] of Object.entries(globals)) {
      if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
    }
    for (const featureLevel of this.config.featureLevels) {
      let adapter: GPUAdapter | null;
      try {
        adapter = await gpu.requestAdapter({ powerPreference: 'high-performance', featureLevel });
      } catch (error) {
        return { ok: false, reason: `WebGPU adapter request failed: ${describe(error)}` };
      }
      if (adapter === null) continue;
      try {
        const device = await adapter.requestDevice({
          requiredLimits: {
            maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
            maxBufferSize: adapter.limits.maxBufferSize,
          },
        });
        const handle = this.toHandle(gpu, adapter, device, featureLevel);
        this.current = handle;
        // A lost device (driver reset, destroy) is forgotten so the next request opens a fresh one.
        void device.lost.then(() => {
          if (this.current === handle) {
            this.current = null;
            this.pending = null;
          }
        });
        return { ok: true, gpu: handle };
      } catch (error) {
        return { ok: false, reason: `WebGPU device request failed: ${describe(error)}` };
      }
    }
    return { ok: false, reason: 'no WebGPU adapter available' };
  }

  private toHandle(instance: GPU, adapter: GPUAdapter, device: GPUDevice, featureLevel: 'core' | 'compatibility'): GpuHandle {
    const info = adapter.info;
    const name = [info.vendor, info.architecture, info.device].filter((s) => s).join(' ') || 'unknown adapter';
    return {
      instance,
      device,
      name,
      description: info.description,
      featureLevel,
      isFallbackAdapter: info.isFallbackAdapter === true,
      maxWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
      pipelines: new Map(),
      trackBytes: (delta) => {
        this.bytes = Math.max(0, this.bytes + delta);
      },
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
