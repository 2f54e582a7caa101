import { EngineError } from './errors.js';

/** Fixed-size bit array over Uint32 words: one bit per vertex, 1/64 of a Float64 field. */
export class Bitset {
  readonly size: number;
  readonly words: Uint32Array;

  constructor(size: number) {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new EngineError('invalid_parameter', 'bitset size must be a non-negative safe integer', { size });
    }
    // Word addressing uses 32-bit shifts, which keeps get/set branch-free in hot loops.
    if (size > 2 ** 32) {
      throw new EngineError('too_large', 'bitset size must not exceed 2^32 bits', { size });
    }
    this.size = size;
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  get(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  clear(i: number): void {
    this.words[i >>> 5] &= ~(1 << (i & 31));
  }

  /** Calls visit(i) for every set bit i in increasing order, until it returns false; O(words + set bits). */
  forEachSet(visit: (index: number) => boolean | void): void {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let word = w[k];
      while (word !== 0) {
        const low = word & -word;
        if (visit((k << 5) + 31 - Math.clz32(low)) === false) return;
        word ^= low;
      }
    }
  }

  /** Number of set bits (SWAR popcount per word). */
  count(): number {
    let total = 0;
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let v = w[k];
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    return total;
  }
}
