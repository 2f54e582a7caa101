#!/bin/sh
# Unpacks Mesa's software OpenGL ES driver (llvmpipe) under .catalytic/mesa,
# without installing anything system-wide, and prints the environment that
# lets Dawn open a WebGPU adapter on it. Then the GPU tests and benchmarks run
# for real on a machine without a GPU:
#
#   eval "$(sh bench/engine/software-gpu.sh)"
#   npx vitest run test/engine/backends.test.ts
#
# Debian/Ubuntu only (apt-get download); llvmpipe needs the system's libLLVM.
set -eu
dir="$(pwd)/.catalytic/mesa"
if [ ! -f "$dir/egl_mesa.json" ]; then
  mkdir -p "$dir/debs"
  (cd "$dir/debs" && apt-get download libegl1 libglvnd0 libegl-mesa0 libgl1-mesa-dri libgbm1 libglapi-mesa libgles2 >&2)
  for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
  sed "s#libEGL_mesa.so.0#$dir/root/usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0#" \
    "$dir/root/usr/share/glvnd/egl_vendor.d/50_mesa.json" > "$dir/egl_mesa.json"
fi
lib="$dir/root/usr/lib/x86_64-linux-gnu"
echo "export LD_LIBRARY_PATH=$lib LIBGL_DRIVERS_PATH=$lib/dri __EGL_VENDOR_LIBRARY_FILENAMES=$dir/egl_mesa.json EGL_PLATFORM=surfaceless CATALYTIC_DAWN_OPTIONS=backend=opengles"
