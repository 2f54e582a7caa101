import { describe, expect, it } from 'vitest';
import { checksum } from '../../../src/engine/checksum.js';
import { CHUNK_VALUES, decodeField, encodeField } from '../../../src/domain/lattices/field-codec.js';

function bits(field: Float64Array): Uint8Array {
  return new Uint8Array(field.buffer, field.byteOffset, field.byteLength);
}

describe('field encoding', () => {
  it('round-trips bit for bit, NaN payloads and -0 included', async () => {
    const field = new Float64Array(1000);
    for (let i = 0; i < field.length; i++) field[i] = Math.sin(i) * 1e6;
    field[1] = -0;
    field[2] = Infinity;
    const view = new DataView(field.buffer);
    // Two NaNs with different payloads must come back distinct.
    view.setUint32(3 * 8, 0x00000001, true);
    view.setUint32(3 * 8 + 4, 0x7ff80000, true);
    view.setUint32(4 * 8, 0x0000abcd, true);
    view.setUint32(4 * 8 + 4, 0xfff80000, true);
    const encoded = await encodeField(field);
    expect(encoded.chunks).toHaveLength(1);
    expect(encoded.checksum).toBe(checksum(field));
    const decoded = await decodeField(encoded.chunks, field.length, encoded.checksum);
    expect(bits(decoded)).toEqual(bits(field));
    expect(Object.is(decoded[1], -0)).toBe(true);
  });

  it('splits a large field into chunks and reassembles them in order', async () => {
    const n = 2 * CHUNK_VALUES + 12_345;
    const field = new Float64Array(n);
    for (let i = 0; i < n; i++) field[i] = i % 7 === 0 ? i : 0.5;
    const encoded = await encodeField(field);
    expect(encoded.chunks).toHaveLength(3);
    // A regular field compresses well: far below 8 bytes per value.
    expect(encoded.chunks.reduce((s, c) => s + c.length, 0)).toBeLessThan(n);
    const decoded = await decodeField(encoded.chunks, n, encoded.checksum);
    expect(checksum(decoded)).toBe(encoded.checksum);
    expect(decoded[7 * 100_000]).toBe(700_000);
  });

  it('refuses a field whose bytes do not match the stored checksum', async () => {
    const field = new Float64Array([1, 2, 3, 4]);
    const encoded = await encodeField(field);
    await expect(decodeField(encoded.chunks, 4, '0000000000000000')).rejects.toThrow(/checksum/);
    await expect(decodeField(encoded.chunks, 5, encoded.checksum)).rejects.toThrow(/bytes/);
  });
});
