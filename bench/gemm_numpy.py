#!/usr/bin/env python3
"""Baseline for lanes' matmul from numpy's own OpenBLAS (the one numpy bundles, often newer
than the system's and choosing better kernels): C = A @ B on seeded n x n matrices, uniform in
[-1, 1), median of ROUNDS timed products after 2 warm-up ones. Threads: OPENBLAS_NUM_THREADS.
Prints the median, GFLOP/s and the BLAS core that ran (bench/blas_core.py).
Run: OPENBLAS_NUM_THREADS=2 python3 bench/gemm_numpy.py f32 2048 7
"""
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blas_core  # noqa: E402


def main():
    dtype = np.float32 if sys.argv[1] == "f32" else np.float64
    n = int(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (n, n)).astype(dtype)
    b = rng.uniform(-1, 1, (n, n)).astype(dtype)
    times = []
    for r in range(rounds + 2):
        t0 = time.perf_counter()
        np.matmul(a, b)
        if r >= 2:
            times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"numpy {sys.argv[1]} n={n} threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')} "
          f"median {median * 1e3:.2f} ms {2 * n ** 3 / median * 1e-9:.1f} GFLOP/s (core: {blas_core.numpy_core()})")


if __name__ == "__main__":
    main()
