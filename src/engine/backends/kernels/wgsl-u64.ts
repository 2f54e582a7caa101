/*
 * 64-bit integer helpers in WGSL, which has only 32-bit integers: values are
 * vec2<u32>(high word, low word). Shared by the kernels that must reproduce
 * the engine's SplitMix64 stream bit for bit.
 */
export const u64Wgsl = /* wgsl */ `
// (hi, lo) of the full 64-bit product of two u32, from 16-bit limbs.
fn mul_wide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>(p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u), (mid << 16u) | (p00 & 0xffffu));
}

// Product mod 2^64.
fn mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let w = mul_wide(a.y, b.y);
  return vec2<u32>(w.x + a.x * b.y + a.y * b.x, w.y);
}

fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.y + b.y;
  return vec2<u32>(a.x + b.x + select(0u, 1u, lo < a.y), lo);
}

const GAMMA = vec2<u32>(0x9e3779b9u, 0x7f4a7c15u);

// The SplitMix64 finaliser.
fn mix64(z0: vec2<u32>) -> vec2<u32> {
  var z = vec2<u32>(z0.x ^ (z0.x >> 30u), z0.y ^ ((z0.y >> 30u) | (z0.x << 2u)));
  z = mul64(z, vec2<u32>(0xbf58476du, 0x1ce4e5b9u));
  z = vec2<u32>(z.x ^ (z.x >> 27u), z.y ^ ((z.y >> 27u) | (z.x << 5u)));
  z = mul64(z, vec2<u32>(0x94d049bbu, 0x133111ebu));
  return vec2<u32>(z.x ^ (z.x >> 31u), z.y ^ ((z.y >> 31u) | (z.x << 1u)));
}

// splitmix64Hash(seed, index) of prng.ts for index + 1 < 2^32.
fn splitmix64_hash(seed: vec2<u32>, index: u32) -> u32 {
  return mix64(add64(seed, mul64(vec2<u32>(0u, index + 1u), GAMMA))).x;
}
`;
