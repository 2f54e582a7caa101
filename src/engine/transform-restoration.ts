import { ChecksumStream } from './checksum.js';
import type { Lattice } from './lattice.js';
import { splitmix64Fill } from './prng.js';

/*
 * The catalytic check of a transform: the field is the work tape, and the
 * transform hands it back if its reported inverse does. Rather than trust
 * the transform's own `reversible` flag, the inverse is applied, chunk by
 * chunk, to the transformed field (into a small scratch buffer, so the field
 * itself is not touched) and the checksum of what comes out is compared with
 * the checksum taken before the transform. O(V) time, O(1) extra memory.
 */

/** How a transform result reports its tape (snake_case: it goes to API clients). */
export interface TransformTapeReport {
  /** Bytes of the field the transform worked in place on. */
  tape_bytes: number;
  /** Checksum of the field with the reported inverse applied. */
  checksum_restored: string;
  /** checksum_restored === checksum_before: computed, not assumed. */
  restored: boolean;
}

const CHUNK = 8192;

export function tapeReport(field: Float64Array, checksumBefore: string, checksumRestored: string): TransformTapeReport {
  return { tape_bytes: field.byteLength, checksum_restored: checksumRestored, restored: checksumRestored === checksumBefore };
}

/** Checksum of `field` with map(value) applied to every value, in index order. */
function mappedChecksum(field: Float64Array, map: (x: number) => number): string {
  const stream = new ChecksumStream();
  const scratch = new Float64Array(CHUNK);
  for (let start = 0; start < field.length; start += CHUNK) {
    const n = Math.min(CHUNK, field.length - start);
    for (let j = 0; j < n; j++) scratch[j] = map(field[start + j]);
    stream.update(n === CHUNK ? scratch : scratch.subarray(0, n));
  }
  return stream.digest();
}

/** xor with the same key stream again (xor is its own inverse). */
export function restoredXorChecksum(field: Float64Array, seed: number): string {
  const words = new Uint32Array(field.buffer, field.byteOffset, field.length * 2);
  const stream = new ChecksumStream();
  const key = new Uint32Array(2 * CHUNK);
  const scratch = new Uint32Array(2 * CHUNK);
  for (let start = 0; start < words.length; start += key.length) {
    const n = Math.min(key.length, words.length - start);
    splitmix64Fill(seed, start, n === key.length ? key : key.subarray(0, n));
    for (let j = 0; j < n; j++) scratch[j] = words[start + j] ^ key[j];
    stream.update(n === scratch.length ? scratch : scratch.subarray(0, n));
  }
  return stream.digest();
}

/** Multiply by the reported inverse factor. */
export function restoredScaleChecksum(field: Float64Array, inverse: number): string {
  return mappedChecksum(field, (y) => y * inverse);
}

/** y · std + mean, in that order, as the inverse is documented. */
export function restoredNormalizeChecksum(field: Float64Array, mean: number, std: number): string {
  return mappedChecksum(field, (y) => y * std + mean);
}

/**
 * Turn back by `turns` quarter turns in the plane of axes [a, b]: the value
 * the inverse puts at vertex i is the one the transform moved there from i,
 * read straight from the transformed field. Word pairs are copied, so NaN
 * payloads count.
 */
export function restoredRotateChecksum(l: Lattice, field: Float64Array, a: number, b: number, turns: number): string {
  const words = new Uint32Array(field.buffer, field.byteOffset, field.length * 2);
  const n = l.shape[a];
  const sa = l.strides[a];
  const sb = l.strides[b];
  const stream = new ChecksumStream();
  const scratch = new Uint32Array(2 * CHUNK);
  let filled = 0;
  for (let i = 0; i < field.length; i++) {
    let x = Math.floor(i / sa) % n;
    let y = Math.floor(i / sb) % n;
    const base = i - x * sa - y * sb;
    // One quarter turn takes (x, y) to (n − 1 − y, x).
    for (let t = 0; t < turns; t++) {
      const nx = n - 1 - y;
      y = x;
      x = nx;
    }
    const from = base + x * sa + y * sb;
    scratch[filled++] = words[2 * from];
    scratch[filled++] = words[2 * from + 1];
    if (filled === scratch.length) {
      stream.update(scratch);
      filled = 0;
    }
  }
  if (filled > 0) stream.update(scratch.subarray(0, filled));
  return stream.digest();
}
