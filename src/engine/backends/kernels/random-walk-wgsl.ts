/*
 * Random walks on the GPU, bit-identical to walkPartial in random-walk.ts:
 * walker w seeds xoshiro128** from splitmix64Hash(seed, w) exactly as Prng
 * does (64-bit arithmetic spelled out on u32 halves), draws directions with
 * the same rejection sampling, and every statistic is an integer, so sums
 * are exact whatever the order. One invocation is one walker.
 *
 * Per step, a workgroup adds its walkers' squared displacements and folds
 * the 64-bit total into sq[] with two u32 atomics (low word, then the carry
 * and high word). Squared displacements stay below 2^32 because the host
 * only sends walks of at most 65 535 steps.
 *
 * Per walker, per_walker[] receives (return time, distinct vertices, final
 * squared displacement, displacement per dimension as i32 bits).
 *
 * Distinct vertices: each walker owns `table_size` slots of an open-addressing
 * set in `visited` (vertex + 1, 0 = empty), zeroed by the host per batch.
 */
import { u64Wgsl } from './wgsl-u64.js';

export const WORKGROUP = 64;

export const randomWalkWgsl = /* wgsl */ `
${u64Wgsl}
struct Params {
  walker_base: u32,
  walker_count: u32,
  steps: u32,
  dims: u32,
  periodic: u32,
  has_blocked: u32,
  start: u32,
  table_size: u32,
  seed_hi: u32,
  seed_lo: u32,
  groups_x: u32,
  pad: u32,
  shape: array<vec4<u32>, 3>,
  strides: array<vec4<u32>, 3>,
  start_coords: array<vec4<u32>, 3>,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> blocked: array<u32>;
@group(0) @binding(2) var<storage, read_write> sq: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> per_walker: array<u32>;
@group(0) @binding(4) var<storage, read_write> visited: array<u32>;

fn vec_at(a: array<vec4<u32>, 3>, k: u32) -> u32 {
  return a[k / 4u][k % 4u];
}

fn rotl(x: u32, k: u32) -> u32 {
  return (x << k) | (x >> (32u - k));
}

var<private> s: vec4<u32>;

fn next_u32() -> u32 {
  let result = rotl(s.y * 5u, 7u) * 9u;
  let t = s.y << 9u;
  s.z = s.z ^ s.x;
  s.w = s.w ^ s.y;
  s.y = s.y ^ s.z;
  s.x = s.x ^ s.w;
  s.z = s.z ^ t;
  s.w = rotl(s.w, 11u);
  return result;
}

fn next_int(n: u32) -> u32 {
  // 2^32 mod n without 64-bit integers; a zero remainder accepts every draw.
  let r = (0xffffffffu % n + 1u) % n;
  loop {
    let x = next_u32();
    if (r == 0u || x < 0u - r) {
      return x % n;
    }
  }
}

fn is_blocked(v: u32) -> bool {
  return p.has_blocked != 0u && (blocked[v >> 5u] & (1u << (v & 31u))) != 0u;
}

// Adds v to the walker's set at base; true when it was not there yet.
fn visit(base: u32, v: u32) -> bool {
  let mask = p.table_size - 1u;
  var h = ((v ^ (v >> 16u)) * 0x45d9f3bu) & mask;
  loop {
    let entry = visited[base + h];
    if (entry == 0u) {
      visited[base + h] = v + 1u;
      return true;
    }
    if (entry == v + 1u) {
      return false;
    }
    h = (h + 1u) & mask;
  }
}

var<workgroup> partial_lo: array<u32, ${WORKGROUP}>;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let slot = (wg.y * p.groups_x + wg.x) * ${WORKGROUP}u + lid;
  let live = slot < p.walker_count;
  let w = p.walker_base + slot;

  // Prng(splitmix64Hash(seed, w)): the hash's high word seeds SplitMix64 twice.
  let h = splitmix64_hash(vec2<u32>(p.seed_hi, p.seed_lo), w);
  let a = mix64(add64(vec2<u32>(0u, h), GAMMA));
  let b = mix64(add64(vec2<u32>(0u, h), mul64(vec2<u32>(0u, 2u), GAMMA)));
  s = vec4<u32>(a.x, a.y, b.x, b.y);
  if ((s.x | s.y | s.z | s.w) == 0u) {
    s.x = 1u;
  }

  var c: array<u32, 10>;
  var disp: array<i32, 10>;
  for (var k = 0u; k < p.dims; k++) {
    c[k] = vec_at(p.start_coords, k);
    disp[k] = 0;
  }
  let table_base = slot * p.table_size;
  var v = p.start;
  var r2 = 0u;
  var distinct = 1u;
  var returned_at = 0u;
  if (live) {
    visit(table_base, v);
  }
  for (var t = 1u; t <= p.steps; t++) {
    if (live) {
      let r = next_int(2u * p.dims);
      let k = r >> 1u;
      let up = (r & 1u) == 1u;
      let n = vec_at(p.shape, k);
      let st = vec_at(p.strides, k);
      var ok = true;
      var next = v;
      if (up) {
        if (c[k] < n - 1u) { next = v + st; } else if (p.periodic != 0u) { next = v - (n - 1u) * st; } else { ok = false; }
      } else {
        if (c[k] > 0u) { next = v - st; } else if (p.periodic != 0u) { next = v + (n - 1u) * st; } else { ok = false; }
      }
      if (ok && !is_blocked(next)) {
        v = next;
        if (up) {
          c[k] = select(c[k] + 1u, 0u, c[k] == n - 1u);
          r2 = r2 + u32(2 * disp[k] + 1);
          disp[k] = disp[k] + 1;
        } else {
          c[k] = select(c[k] - 1u, n - 1u, c[k] == 0u);
          r2 = r2 + u32(1 - 2 * disp[k]);
          disp[k] = disp[k] - 1;
        }
        if (visit(table_base, v)) {
          distinct = distinct + 1u;
        }
      }
      if (returned_at == 0u && v == p.start) {
        returned_at = t;
      }
    }
    partial_lo[lid] = select(0u, r2, live);
    workgroupBarrier();
    if (lid == 0u) {
      var lo = 0u;
      var hi = 0u;
      for (var i = 0u; i < ${WORKGROUP}u; i++) {
        let before = lo;
        lo = lo + partial_lo[i];
        hi = hi + select(0u, 1u, lo < before);
      }
      let old = atomicAdd(&sq[2u * t], lo);
      hi = hi + select(0u, 1u, old + lo < old);
      if (hi != 0u) {
        atomicAdd(&sq[2u * t + 1u], hi);
      }
    }
    workgroupBarrier();
  }
  if (live) {
    let out = slot * (3u + p.dims);
    per_walker[out] = returned_at;
    per_walker[out + 1u] = distinct;
    per_walker[out + 2u] = r2;
    for (var k = 0u; k < p.dims; k++) {
      per_walker[out + 3u + k] = bitcast<u32>(disp[k]);
    }
  }
}
`;
