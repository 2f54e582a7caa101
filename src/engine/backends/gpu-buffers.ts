/// <reference types="@webgpu/types" />
import { EngineError } from '../errors.js';
import type { Lattice } from '../lattice.js';
import type { GpuHandle } from './gpu-context.js';

/*
 * Small helpers shared by the GPU kernels: buffers that report their size to
 * the probe, read-back, pipeline memoisation and dispatch shapes.
 */

/** The compute pipeline for `code`, compiled once per device. */
export function pipelineFor(gpu: GpuHandle, code: string): GPUComputePipeline {
  let pipeline = gpu.pipelines.get(code);
  if (pipeline === undefined) {
    pipeline = gpu.device.createComputePipeline({
      layout: 'auto',
      compute: { module: gpu.device.createShaderModule({ code }), entryPoint: 'main' },
    });
    gpu.pipelines.set(code, pipeline);
  }
  return pipeline;
}

/** Buffers of one GPU run; destroy() frees all of them and updates the probe's count. */
export class BufferSet {
  private readonly buffers: GPUBuffer[] = [];
  private bytes = 0;
  private readonly device: GPUDevice;

  constructor(private readonly gpu: GpuHandle) {
    this.device = gpu.device;
  }

  create(size: number, usage: number): GPUBuffer {
    // WebGPU wants sizes in multiples of 4 and never 0.
    const padded = Math.max(4, Math.ceil(size / 4) * 4);
    const buffer = this.device.createBuffer({ size: padded, usage });
    this.buffers.push(buffer);
    this.bytes += padded;
    this.gpu.trackBytes(padded);
    return buffer;
  }

  /** A storage buffer holding `data` (copied now). */
  storage(data: ArrayBufferView, extraUsage = 0): GPUBuffer {
    const buffer = this.create(data.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC | extraUsage);
    if (data.byteLength > 0) this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  uniform(data: ArrayBufferView): GPUBuffer {
    const buffer = this.create(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  /** Frees one buffer of this set early. */
  release(buffer: GPUBuffer): void {
    const at = this.buffers.indexOf(buffer);
    if (at < 0) return;
    this.buffers.splice(at, 1);
    this.bytes -= buffer.size;
    this.gpu.trackBytes(-buffer.size);
    buffer.destroy();
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.gpu.trackBytes(-this.bytes);
    this.buffers.length = 0;
    this.bytes = 0;
  }
}

/**
 * Runs `work` with validation and out-of-memory error scopes pushed and
 * throws what they caught: WebGPU reports such errors asynchronously instead
 * of throwing, and a failed kernel must never pass for a result.
 */
export async function withErrorScopes<T>(device: GPUDevice, work: () => Promise<T>): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T | undefined;
  let thrown: unknown = null;
  try {
    result = await work();
  } catch (error) {
    thrown = error;
  }
  const validation = await device.popErrorScope();
  const memory = await device.popErrorScope();
  if (thrown !== null) throw thrown;
  const error = validation ?? memory;
  if (error !== null)
    throw new Error(`WebGPU ${validation !== null ? 'validation' : 'out-of-memory'} error: ${error.message.split('\n')[0]}`);
  return result as T;
}

/** A bind group holding `bindings` at bindings 0, 1, 2… of the pipeline's first group. */
export function bindAll(device: GPUDevice, pipeline: GPUComputePipeline, bindings: readonly GPUBuffer[]): GPUBindGroup {
  return device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: bindings.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/**
 * Submits one dispatch of `pipeline` over `grid`; `prepare` may add commands
 * (a buffer clear) that must run before the pass.
 */
export function submitDispatch(
  device: GPUDevice,
  pipeline: GPUComputePipeline,
  group: GPUBindGroup,
  grid: { x: number; y: number },
  prepare?: (encoder: GPUCommandEncoder) => void,
): void {
  const encoder = device.createCommandEncoder();
  prepare?.(encoder);
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(grid.x, grid.y);
  pass.end();
  device.queue.submit([encoder.finish()]);
}

/** Copies `size` bytes of `source` to the host; O(size). */
export async function readBack(device: GPUDevice, buffers: BufferSet, source: GPUBuffer, size: number): Promise<ArrayBuffer> {
  const staging = buffers.create(size, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(source, 0, staging, 0, staging.size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, size);
  staging.unmap();
  buffers.release(staging);
  return copy;
}

/** Workgroup grid for `items` invocations: x up to the device limit, then rows in y. */
export function dispatchGrid(gpu: GpuHandle, items: number, workgroup: number): { x: number; y: number } {
  const groups = Math.max(1, Math.ceil(items / workgroup));
  const x = Math.min(groups, gpu.maxWorkgroupsPerDimension);
  const y = Math.ceil(groups / x);
  if (y > gpu.maxWorkgroupsPerDimension) {
    throw new EngineError('too_large', 'too many GPU invocations for one dispatch', { items });
  }
  return { x, y };
}

/** Writes up to 12 u32 values into a uniform block's array<vec4<u32>, 3> at `offset` (in u32 words). */
export function putVec12(words: Uint32Array, offset: number, values: readonly number[]): void {
  if (values.length > 12) throw new EngineError('invalid_parameter', 'GPU kernels take at most 12 dimensions');
  for (let k = 0; k < values.length; k++) words[offset + k] = values[k];
}

/** Throws unless every index of `l` fits the kernels' u32 arithmetic and one storage binding holds `bytesPerVertex`. */
export function checkGpuSize(gpu: GpuHandle, l: Lattice, bytesPerVertex: number): void {
  if (l.vertexCount * bytesPerVertex > gpu.maxStorageBufferBindingSize) {
    throw new EngineError('too_large', 'the lattice does not fit one GPU storage buffer', {
      bytes: l.vertexCount * bytesPerVertex,
      limit: gpu.maxStorageBufferBindingSize,
    });
  }
}
