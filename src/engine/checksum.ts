/*
 * Checksums prove that reversible transforms and catalytic borrowing restore a
 * buffer bit for bit, so they hash the raw bytes (as little-endian Uint32
 * words, the byte order of every platform Node supports), never the numbers:
 * two NaNs with different payloads, or 0 and -0, must hash differently.
 *
 * Two independent 32-bit lanes (an xxHash32 round and a Murmur3 round, each
 * with its own seed) see every word, so the result behaves like a 64-bit hash
 * for accidental corruption. It is not a cryptographic MAC.
 */

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const M1 = 0xcc9e2d51;
const M2 = 0x1b873593;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function avalanche(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex(h: number): string {
  return h.toString(16).padStart(8, '0');
}

/**
 * The checksum of a sequence of 32-bit words fed in pieces: update() with
 * each piece in order, then digest(). Feeding a buffer's words in any split
 * gives checksum() of the whole buffer.
 */
export class ChecksumStream {
  private a = 0x165667b1;
  private b = 0x27d4eb2f;
  private length = 0;

  /** Adds the words of `data` (its bytes as little-endian Uint32 words); O(n). */
  update(data: Float64Array | Uint32Array | Int32Array): this {
    const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >>> 2);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      a = Math.imul(rotl((a + Math.imul(w, P2)) | 0, 13), P1);
      b ^= Math.imul(rotl(Math.imul(w, M1), 15), M2);
      b = (Math.imul(rotl(b, 13), 5) + 0xe6546b64) | 0;
    }
    this.a = a;
    this.b = b;
    this.length += words.length;
    return this;
  }

  /** 64-bit checksum (16 hex digits) of every word fed so far. */
  digest(): string {
    // Fold the length in so buffers that differ only by trailing zero words differ.
    const a = avalanche(this.a ^ this.length);
    const b = avalanche(this.b ^ Math.imul(this.length, P1));
    // Cross the lanes so each output half depends on both.
    return hex(avalanche(a ^ rotl(b, 16))) + hex(avalanche(b + a));
  }
}

/** 64-bit checksum (16 hex digits) of a typed array's bytes; O(n), one pass. */
export function checksum(data: Float64Array | Uint32Array | Int32Array): string {
  return new ChecksumStream().update(data).digest();
}
