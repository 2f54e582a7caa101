/*
 * One explicit heat step on the GPU, the same stencil as diffusionStep in
 * diffusion.ts (distinct unblocked neighbours, Neumann open sides, insulating
 * obstacles) but in f32: WGSL has no portable f64. One invocation per vertex;
 * large lattices use a 2-D dispatch because one dimension stops at 65 535
 * workgroups.
 */
export const WORKGROUP = 64;

export const diffusionWgsl = /* wgsl */ `
struct Params {
  count: u32,
  dims: u32,
  periodic: u32,
  has_blocked: u32,
  coefficient: f32,
  groups_x: u32,
  pad0: u32,
  pad1: u32,
  shape: array<vec4<u32>, 3>,
  strides: array<vec4<u32>, 3>,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> blocked: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<f32>;
@group(0) @binding(3) var<storage, read_write> dst: array<f32>;

fn is_blocked(v: u32) -> bool {
  return p.has_blocked != 0u && (blocked[v >> 5u] & (1u << (v & 31u))) != 0u;
}

fn exchange(v: u32, u: f32) -> f32 {
  return select(src[v] - u, 0.0, is_blocked(v));
}

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.groups_x * ${WORKGROUP}u + gid.x;
  if (i >= p.count) {
    return;
  }
  let u = src[i];
  if (is_blocked(i)) {
    dst[i] = u;
    return;
  }
  var flux = 0.0;
  var rest = i;
  for (var kk = p.dims; kk > 0u; kk--) {
    let k = kk - 1u;
    let n = p.shape[k / 4u][k % 4u];
    let s = p.strides[k / 4u][k % 4u];
    let c = rest % n;
    rest = rest / n;
    if (p.periodic != 0u && n == 2u) {
      flux += exchange(select(i - s, i + s, c == 0u), u);
      continue;
    }
    if (c > 0u) {
      flux += exchange(i - s, u);
    } else if (p.periodic != 0u) {
      flux += exchange(i + (n - 1u) * s, u);
    }
    if (c < n - 1u) {
      flux += exchange(i + s, u);
    } else if (p.periodic != 0u) {
      flux += exchange(i - (n - 1u) * s, u);
    }
  }
  dst[i] = u + p.coefficient * flux;
}
`;
