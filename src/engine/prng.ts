import { EngineError } from './errors.js';

/*
 * Seeds are treated as 64-bit values built from a JS number: the low 32 bits
 * and the next 21 bits of any safe integer (negatives via two's complement of
 * the truncated integer). All arithmetic is on 32-bit halves with Math.imul so
 * the results are identical on every platform and need no BigInt.
 */

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new EngineError('invalid_parameter', 'seed must be a safe integer', { seed });
  }
}

function seedHalves(seed: number): [number, number] {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return [lo, hi];
}

// 64-bit add of two (hi, lo) pairs; returns via the shared scratch to avoid allocation.
const scratch = new Uint32Array(2);

function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = (aLo + bLo) >>> 0;
  const carry = lo < aLo ? 1 : 0;
  scratch[0] = (aHi + bHi + carry) >>> 0;
  scratch[1] = lo;
}

// 64-bit multiply (hi, lo) * (bHi, bLo) mod 2^64 using 16-bit limbs for the low product.
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lo = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  const carryHi = p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536);
  const hi = (carryHi + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
  scratch[0] = hi;
  scratch[1] = lo;
}

const GAMMA_HI = 0x9e3779b9;
const GAMMA_LO = 0x7f4a7c15;

/** The SplitMix64 finaliser applied to (hi, lo); leaves the 64-bit result in scratch. */
function mix64(hi: number, lo: number): void {
  // z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9
  let l = (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0;
  let h = (hi ^ (hi >>> 30)) >>> 0;
  mul64(h, l, 0xbf58476d, 0x1ce4e5b9);
  h = scratch[0];
  l = scratch[1];
  // z ^= z >>> 27; z *= 0x94d049bb133111eb
  l = (l ^ ((l >>> 27) | (h << 5))) >>> 0;
  h = (h ^ (h >>> 27)) >>> 0;
  mul64(h, l, 0x94d049bb, 0x133111eb);
  h = scratch[0];
  l = scratch[1];
  // z ^= z >>> 31
  scratch[1] = (l ^ ((l >>> 31) | (h << 1))) >>> 0;
  scratch[0] = (h ^ (h >>> 31)) >>> 0;
}

/**
 * Counter-based hash: the high 32 bits of SplitMix64 output number `index + 1`
 * for state `seed`, i.e. mix(seed + (index + 1) * gamma). Pure, O(1), so any
 * vertex's obstacle bit can be decided without touching the others.
 */
export function splitmix64Hash(seed: number, index: number): number {
  const n = index + 1;
  mul64(Math.floor(n / 4294967296) >>> 0, n >>> 0, GAMMA_HI, GAMMA_LO);
  add64(Math.floor(seed / 4294967296) >>> 0, seed >>> 0, scratch[0], scratch[1]);
  mix64(scratch[0], scratch[1]);
  return scratch[0];
}

/**
 * Writes splitmix64Hash(seed, start + j) into out[j] for every j; O(out.length).
 * Walks the SplitMix64 state by repeated addition instead of one multiply per
 * index, which is what makes bulk obstacle generation cheap.
 */
export function splitmix64Fill(seed: number, start: number, out: Uint32Array): void {
  const n = start + 1;
  mul64(Math.floor(n / 4294967296) >>> 0, n >>> 0, GAMMA_HI, GAMMA_LO);
  add64(Math.floor(seed / 4294967296) >>> 0, seed >>> 0, scratch[0], scratch[1]);
  let hi = scratch[0];
  let lo = scratch[1];
  for (let j = 0; j < out.length; j++) {
    mix64(hi, lo);
    out[j] = scratch[0];
    const nextLo = (lo + GAMMA_LO) >>> 0;
    hi = (hi + GAMMA_HI + (nextLo < lo ? 1 : 0)) >>> 0;
    lo = nextLo;
  }
}

/**
 * Sequential generator: xoshiro128** (Blackman & Vigna) whose four state words
 * are the first two SplitMix64 outputs for the seed. Same seed, same stream,
 * on every platform.
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    checkSeed(seed);
    const [lo, hi] = seedHalves(seed);
    add64(hi, lo, GAMMA_HI, GAMMA_LO);
    mix64(scratch[0], scratch[1]);
    this.s0 = scratch[0];
    this.s1 = scratch[1];
    mul64(0, 2, GAMMA_HI, GAMMA_LO);
    add64(hi, lo, scratch[0], scratch[1]);
    mix64(scratch[0], scratch[1]);
    this.s2 = scratch[0];
    this.s3 = scratch[1];
    // xoshiro must never start from the all-zero state.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n) without modulo bias (rejection sampling); n ≤ 2^32. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new EngineError('invalid_parameter', 'nextInt bound must be an integer in [1, 2^32]', { n });
    }
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
