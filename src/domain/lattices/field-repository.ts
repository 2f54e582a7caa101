import type { Queryable } from '../../platform/database.js';
import { decodeField, encodeField, FIELD_ENCODING } from './field-codec.js';

// Chunks fetched per query when loading: bounds the hex text node-postgres holds at once (~128 MiB).
const CHUNKS_PER_QUERY = 8;

/** The `lattice_fields` table: one row per chunk, every row carrying the field's version and checksum. */

export interface StoredFieldHeader {
  vertexCount: number;
  chunkCount: number;
  checksum: string;
}

/** Replaces the lattice's stored field with `field`, written at `version`. */
export async function save(
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
export async function load(db: Queryable, latticeId: string, version: number): Promise<Float64Array | null> {
  const header = await readHeader(db, latticeId, version);
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

async function readHeader(db: Queryable, latticeId: string, version: number): Promise<StoredFieldHeader | null> {
  const { rows } = await db.query<{ encoding: string; vertex_count: string; chunk_count: number; checksum: string }>(
    'SELECT encoding, vertex_count, chunk_count, checksum FROM lattice_fields WHERE lattice_id = $1 AND version = $2 AND chunk = 0',
    [latticeId, version],
  );
  const row = rows[0];
  if (row === undefined) return null;
  if (row.encoding !== FIELD_ENCODING) throw new Error(`stored field of lattice ${latticeId} has unknown encoding ${row.encoding}`);
  return { vertexCount: Number(row.vertex_count), chunkCount: row.chunk_count, checksum: row.checksum };
}
