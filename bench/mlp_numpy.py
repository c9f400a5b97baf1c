#!/usr/bin/env python3
"""Baseline for lanes' mlp-forward: the same 784-512-256-10 ReLU network in numpy (f32),
batched inference, median of ROUNDS timed forward passes after 3 warm-up passes.
Threads: OPENBLAS_NUM_THREADS (numpy's matmul calls the system BLAS's sgemm).
Run: OPENBLAS_NUM_THREADS=2 python3 bench/mlp_numpy.py 4096 [ROUNDS]
"""
import statistics
import sys
import time

import numpy as np


def main():
    batch = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    widths = [784, 512, 256, 10]
    rng = np.random.default_rng(7)
    x = rng.random((batch, widths[0]), dtype=np.float32)
    layers = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        w = rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)
        b = rng.uniform(-0.1, 0.1, fan_out).astype(np.float32)
        layers.append((w, b))

    def forward(h):
        for i, (w, b) in enumerate(layers):
            h = h @ w + b
            if i < len(layers) - 1:
                h = np.maximum(h, 0, out=h)
        return h

    times = []
    for r in range(rounds + 3):
        start = time.perf_counter()
        out = forward(x)
        elapsed = time.perf_counter() - start
        if r >= 3:
            times.append(elapsed)
    median = statistics.median(times)
    flops = 2.0 * batch * sum(a * b for a, b in zip(widths, widths[1:]))
    print(f"numpy mlp batch={batch} median {median * 1e3:.3f} ms {flops / median * 1e-9:.1f} GFLOP/s "
          f"(checksum {float(out.sum()):.3f})")


if __name__ == "__main__":
    main()
