/// <reference types="@webgpu/types" />
import { checksum } from '../checksum.js';
import { throwIfAborted, type RunOptions } from '../cost.js';
import { EngineError } from '../errors.js';
import { ensureField } from '../field.js';
import type { Lattice } from '../lattice.js';
import { type ScaleResult, scaleResult, type XorResult, xorKeySeed, xorResult } from '../transforms.js';
import { bindAll, BufferSet, checkGpuSize, dispatchGrid, pipelineFor, readBack, submitDispatch } from './gpu-buffers.js';
import type { GpuHandle } from './gpu-context.js';
import { scaleWgsl, WORKGROUP, xorWgsl } from './kernels/transform-wgsl.js';

/*
 * xor and scale of the value field on the GPU, in place and bit-identical to
 * xorField and scaleField (the backend tests compare checksums). The field
 * goes up and comes back as raw bytes; checksums are taken on the host.
 */

function isNormal(x: number): boolean {
  return Number.isFinite(x) && Math.abs(x) >= 2 ** -1022;
}

/** Why the GPU cannot scale by `factor` (the kernel multiplies by normal numbers only), or null. */
export function gpuScaleLimitation(factor: unknown): string | null {
  if (typeof factor !== 'number' || !isNormal(factor) || !isNormal(1 / factor)) {
    return 'the GPU scale kernel needs a factor whose value and inverse are normal floating-point numbers';
  }
  return null;
}

async function runInPlace(
  gpu: GpuHandle,
  field: Float64Array,
  code: string,
  uniformWords: Uint32Array,
  extra: (buffers: BufferSet) => GPUBuffer[],
  invocations: number,
): Promise<{ data: Float64Array; extras: Uint32Array[] }> {
  const device = gpu.device;
  const buffers = new BufferSet(gpu);
  try {
    const grid = dispatchGrid(gpu, invocations, WORKGROUP);
    uniformWords[1] = grid.x;
    const uniform = buffers.uniform(uniformWords);
    const data = buffers.storage(field);
    const more = extra(buffers);
    const pipeline = pipelineFor(gpu, code);
    submitDispatch(device, pipeline, bindAll(device, pipeline, [uniform, data, ...more]), grid);
    const out = new Float64Array(await readBack(device, buffers, data, field.byteLength));
    const extras: Uint32Array[] = [];
    for (const b of more) extras.push(new Uint32Array(await readBack(device, buffers, b, b.size)));
    return { data: out, extras };
  } finally {
    buffers.destroy();
  }
}

/** xorField on the GPU; O(V) device work, 8 bytes per vertex each way. */
export async function gpuXor(gpu: GpuHandle, l: Lattice, key: string | number, opts: RunOptions): Promise<XorResult> {
  const seed = xorKeySeed(key);
  const field = ensureField(l, opts);
  checkGpuSize(gpu, l, 8);
  throwIfAborted(opts.signal);
  const before = checksum(field);
  const words = Uint32Array.of(2 * field.length, 0, Math.floor(seed / 4294967296) >>> 0, seed >>> 0);
  const { data } = await runInPlace(gpu, field, xorWgsl, words, () => [], 2 * field.length);
  field.set(data);
  opts.onProgress?.(1);
  return xorResult(before, field, key);
}

/** scaleField on the GPU (values the kernel leaves to the host are finished here); O(V). */
export async function gpuScale(gpu: GpuHandle, l: Lattice, factor: number, opts: RunOptions): Promise<ScaleResult> {
  const limitation = gpuScaleLimitation(factor);
  if (limitation !== null) throw new EngineError('invalid_parameter', limitation, { factor });
  const inverse = 1 / factor;
  const field = ensureField(l, opts);
  checkGpuSize(gpu, l, 8);
  throwIfAborted(opts.signal);
  const before = checksum(field);
  const bits = new Uint32Array(Float64Array.of(factor, inverse).buffer);
  const words = Uint32Array.of(field.length, 0, bits[1], bits[0], bits[3], bits[2], 0, 0);
  const { data, extras } = await runInPlace(
    gpu,
    field,
    scaleWgsl,
    words,
    (buffers) => [buffers.storage(new Uint32Array(Math.ceil(field.length / 32))), buffers.storage(new Uint32Array(1))],
    field.length,
  );
  const [flags, status] = extras;
  let reversible = status[0] === 0;
  for (let w = 0; w < flags.length; w++) {
    let word = flags[w];
    while (word !== 0) {
      const low = word & -word;
      const i = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
      const x = data[i];
      const y = x * factor;
      data[i] = y;
      if (x !== x || !Object.is(y * inverse, x)) reversible = false;
    }
  }
  field.set(data);
  opts.onProgress?.(1);
  return scaleResult(before, field, reversible, factor, inverse);
}
