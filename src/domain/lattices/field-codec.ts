import { endianness } from 'node:os';
import { promisify } from 'node:util';
import { constants, deflate, inflate } from 'node:zlib';
import { checksum } from '../../engine/checksum.js';

/*
 * A value field is stored as its raw Float64 bytes (little-endian, the byte
 * order of every platform Node runs on), so a load is bit-identical to what
 * was saved: NaN payloads and -0 survive. The bytes are deflated in chunks of
 * 2^20 values (8 MiB raw): each bytea stays far below PostgreSQL's 1 GB value
 * limit, chunks (de)compress in parallel on libuv's thread pool, and a load
 * never holds the whole field as one hex string.
 */

export const FIELD_ENCODING = 'f64le+deflate';
export const CHUNK_VALUES = 1 << 20;

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

if (endianness() !== 'LE') throw new Error('field-codec assumes a little-endian platform');

export interface EncodedField {
  chunks: Buffer[];
  checksum: string;
}

/** Deflates the field's bytes chunk by chunk; O(V). The checksum is the engine's, of the raw bytes. */
export async function encodeField(field: Float64Array): Promise<EncodedField> {
  const bytes = new Uint8Array(field.buffer, field.byteOffset, field.byteLength);
  const step = CHUNK_VALUES * 8;
  const parts: Promise<Buffer>[] = [];
  for (let start = 0; start < bytes.length; start += step) {
    // Random doubles barely compress; the fastest level gives nearly the whole gain on regular fields.
    parts.push(deflateAsync(bytes.subarray(start, start + step), { level: constants.Z_BEST_SPEED }));
  }
  return { chunks: await Promise.all(parts), checksum: checksum(field) };
}

/** Inflates `chunks` (in order) into a field of `vertexCount` values and verifies it against `expected`. */
export async function decodeField(chunks: readonly Buffer[], vertexCount: number, expected: string): Promise<Float64Array> {
  const field = new Float64Array(vertexCount);
  const target = new Uint8Array(field.buffer);
  const step = CHUNK_VALUES * 8;
  await Promise.all(
    chunks.map(async (chunk, k) => {
      const raw = await inflateAsync(chunk);
      const expectedLength = Math.min(step, target.length - k * step);
      if (raw.length !== expectedLength) throw new Error(`stored field chunk ${k} has ${raw.length} bytes, expected ${expectedLength}`);
      target.set(raw, k * step);
    }),
  );
  const actual = checksum(field);
  if (actual !== expected) throw new Error(`stored field checksum ${actual} does not match ${expected}`);
  return field;
}
