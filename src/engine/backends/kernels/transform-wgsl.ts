import { u64Wgsl } from './wgsl-u64.js';

/*
 * Field transforms on the GPU, bit-identical to transforms.ts. The field
 * travels as its raw f64 bytes (two u32 words per value, little-endian:
 * word 2i is the low half of value i).
 *
 * xor: word j ^= splitmix64Hash(seed, j), as xorField.
 *
 * scale: WGSL has no f64, so x·factor is an IEEE-754 binary64 multiply done
 * in integers: 53×53-bit mantissa product in four u32 words, round to
 * nearest even. Normal × normal giving a normal result is computed here;
 * zero gives a signed zero. Anything else (subnormal, infinite or NaN input,
 * overflow, a result below the normal range) is left untouched and marked
 * in `flags` for the host to finish on the CPU, so every value matches
 * scaleField bit for bit. The kernel also multiplies back by 1/factor and
 * raises status[0] when a value does not return exactly (reversibility).
 */
export const WORKGROUP = 64;

export const xorWgsl = /* wgsl */ `
${u64Wgsl}
struct Params {
  words: u32,
  groups_x: u32,
  seed_hi: u32,
  seed_lo: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> data: array<u32>;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let j = gid.y * p.groups_x * ${WORKGROUP}u + gid.x;
  if (j >= p.words) {
    return;
  }
  data[j] = data[j] ^ splitmix64_hash(vec2<u32>(p.seed_hi, p.seed_lo), j);
}
`;

export const scaleWgsl = /* wgsl */ `
${u64Wgsl}
struct Params {
  values: u32,
  groups_x: u32,
  factor_hi: u32,
  factor_lo: u32,
  inverse_hi: u32,
  inverse_lo: u32,
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> data: array<u32>;
@group(0) @binding(2) var<storage, read_write> flags: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> status: array<atomic<u32>>;

struct Product {
  bits: vec2<u32>,
  ok: bool,
}

// a·b in binary64 for normal a and b; ok = false when the result is not a normal number.
fn mul_f64(a: vec2<u32>, b: vec2<u32>) -> Product {
  let sign = (a.x ^ b.x) & 0x80000000u;
  let ea = (a.x >> 20u) & 0x7ffu;
  let eb = (b.x >> 20u) & 0x7ffu;
  let ah = (a.x & 0xfffffu) | 0x100000u;
  let bh = (b.x & 0xfffffu) | 0x100000u;
  // P = (ah·2^32 + a.y)(bh·2^32 + b.y) in words w3 w2 w1 w0.
  let p0 = mul_wide(a.y, b.y);
  let p1 = mul_wide(ah, b.y);
  let p2 = mul_wide(a.y, bh);
  let p3 = mul_wide(ah, bh);
  let w0 = p0.y;
  var w1 = p0.x;
  var w2 = 0u;
  var w3 = 0u;
  w1 = w1 + p1.y;
  var carry = select(0u, 1u, w1 < p1.y);
  w1 = w1 + p2.y;
  carry = carry + select(0u, 1u, w1 < p2.y);
  w2 = p1.x + carry;
  var c2 = select(0u, 1u, w2 < p1.x);
  w2 = w2 + p2.x;
  c2 = c2 + select(0u, 1u, w2 < p2.x);
  w2 = w2 + p3.y;
  c2 = c2 + select(0u, 1u, w2 < p3.y);
  w3 = p3.x + c2;
  // P lies in [2^104, 2^106): keep 53 bits, shifting by 52 or 53.
  let top = (w3 >> 9u) & 1u;
  let s = 20u + top;
  var lo = (w1 >> s) | (w2 << (32u - s));
  var hi = (w2 >> s) | (w3 << (32u - s));
  let guard = (w1 >> (s - 1u)) & 1u;
  let sticky = (w1 & ((1u << (s - 1u)) - 1u)) | w0;
  var e = i32(ea) + i32(eb) - 1023 + i32(top);
  if (guard == 1u && (sticky != 0u || (lo & 1u) == 1u)) {
    lo = lo + 1u;
    if (lo == 0u) {
      hi = hi + 1u;
    }
    if (hi == 0x200000u) {
      hi = 0x100000u;
      e = e + 1;
    }
  }
  if (e <= 0 || e >= 0x7ff) {
    return Product(vec2<u32>(0u, 0u), false);
  }
  return Product(vec2<u32>(sign | (u32(e) << 20u) | (hi & 0xfffffu), lo), true);
}

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.groups_x * ${WORKGROUP}u + gid.x;
  if (i >= p.values) {
    return;
  }
  let x = vec2<u32>(data[2u * i + 1u], data[2u * i]);
  let ex = (x.x >> 20u) & 0x7ffu;
  if (ex == 0u && (x.x & 0xfffffu) == 0u && x.y == 0u) {
    // ±0 times a finite factor is a zero with the product's sign, and returns exactly.
    data[2u * i + 1u] = (x.x ^ p.factor_hi) & 0x80000000u;
    return;
  }
  if (ex == 0u || ex == 0x7ffu) {
    atomicOr(&flags[i >> 5u], 1u << (i & 31u));
    return;
  }
  let y = mul_f64(x, vec2<u32>(p.factor_hi, p.factor_lo));
  if (!y.ok) {
    atomicOr(&flags[i >> 5u], 1u << (i & 31u));
    return;
  }
  let back = mul_f64(y.bits, vec2<u32>(p.inverse_hi, p.inverse_lo));
  if (!back.ok || back.bits.x != x.x || back.bits.y != x.y) {
    atomicOr(&status[0], 1u);
  }
  data[2u * i] = y.bits.y;
  data[2u * i + 1u] = y.bits.x;
}
`;
