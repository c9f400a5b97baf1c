#!/usr/bin/env bash
# Regenerates the committed PTX from the CUDA sources: every gpu/src/main/cuda/NAME.cu
# becomes gpu/src/main/resources/dev/lanes/gpu/ptx/NAME.ptx, for the lowest architecture
# this nvcc supports (compute_75 with CUDA 13), which the driver JIT-compiles for the GPU it
# finds. Needs nvcc, no GPU. PtxResourcesTest checks that the committed PTX matches the
# sources wherever an nvcc of the same release is installed.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$root/src/main/resources/dev/lanes/gpu/ptx}"
arch="${LANES_PTX_ARCH:-compute_75}"
mkdir -p "$out"
for cu in "$root"/src/main/cuda/*.cu; do
  name="$(basename "$cu" .cu)"
  nvcc -ptx -O3 -arch="$arch" -o "$out/$name.ptx.tmp" "$cu"
  mv "$out/$name.ptx.tmp" "$out/$name.ptx"
  echo "$out/$name.ptx"
done
