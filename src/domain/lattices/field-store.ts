import { endianness } from 'node:os';
import { promisify } from 'node:util';
import { constants, deflate, inflate } from 'node:zlib';
import { checksum } from '../../engine/checksum.js';
import type { Queryable } from '../../platform/database.js';

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
// Chunks fetched per query when loading: bounds the hex text node-postgres holds at once (~128 MiB).
const CHUNKS_PER_QUERY = 8;

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

if (endianness() !== 'LE') throw new Error('field-store assumes a little-endian platform');

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

export interface StoredFieldHeader {
  vertexCount: number;
  chunkCount: number;
  checksum: string;
}

/** The `lattice_fields` table: one row per chunk, every row carrying the field's version and checksum. */
export class FieldStore {
  /** Replaces the lattice's stored field with `field`, written at `version`. */
  async save(
    db: Queryable,
    f: { tenantId: string; latticeId: string; version: number; field: Float64Array },
  ): Promise<{ checksum: string }> {
    const encoded = await encodeField(f.field);
    await db.query('DELETE FROM lattice_fields WHERE lattice_id = $1', [f.latticeId]);
    for (let k = 0; k < encoded.chunks.length; k++) {
      await db.query(
        `INSERT INTO lattice_fields (lattice_id, chunk, tenant_id, encoding, bytes, vertex_count, chunk_count, checksum, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [f.latticeId, k, f.tenantId, FIELD_ENCODING, encoded.chunks[k], f.field.length, encoded.chunks.length, encoded.checksum, f.version],
      );
    }
    return { checksum: encoded.checksum };
  }

  /**
   * The field stored for exactly `version`, or null when none is (never saved,
   * or replaced by a newer version since the caller read the lattice row).
   */
  async load(db: Queryable, latticeId: string, version: number): Promise<Float64Array | null> {
    const header = await this.header(db, latticeId, version);
    if (header === null) return null;
    const chunks: Buffer[] = [];
    for (let from = 0; from < header.chunkCount; from += CHUNKS_PER_QUERY) {
      const { rows } = await db.query<{ bytes: Buffer }>(
        `SELECT bytes FROM lattice_fields WHERE lattice_id = $1 AND version = $2 AND chunk >= $3 AND chunk < $4 ORDER BY chunk`,
        [latticeId, version, from, from + CHUNKS_PER_QUERY],
      );
      chunks.push(...rows.map((r) => r.bytes));
    }
    // A concurrent save between the queries above leaves fewer rows of this version: report it as replaced.
    if (chunks.length !== header.chunkCount) return null;
    return decodeField(chunks, header.vertexCount, header.checksum);
  }

  private async header(db: Queryable, latticeId: string, version: number): Promise<StoredFieldHeader | null> {
    const { rows } = await db.query<{ encoding: string; vertex_count: string; chunk_count: number; checksum: string }>(
      'SELECT encoding, vertex_count, chunk_count, checksum FROM lattice_fields WHERE lattice_id = $1 AND version = $2 AND chunk = 0',
      [latticeId, version],
    );
    const row = rows[0];
    if (row === undefined) return null;
    if (row.encoding !== FIELD_ENCODING) throw new Error(`stored field of lattice ${latticeId} has unknown encoding ${row.encoding}`);
    return { vertexCount: Number(row.vertex_count), chunkCount: row.chunk_count, checksum: row.checksum };
  }
}
