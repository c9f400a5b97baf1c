#!/usr/bin/env python3
"""Baseline for lanes' mlp-train: one SGD step of the same 784-512-256-10 ReLU classifier in
numpy, f32: forward (h @ w + b, ReLU), softmax cross-entropy, backward (h.T @ dz for every W,
dz.sum(0) for every b, dz @ w.T for the activations but the input's), then w -= lr * dw.
Median of ROUNDS timed steps after 3 warm-up steps; the weights go back to their start
before each step (not timed), so every step does the same work, as lanes' samples do.
Threads: OPENBLAS_NUM_THREADS (numpy's matmul calls its bundled OpenBLAS's sgemm); the BLAS
core it runs is printed, and bench/blas_core.py says whether it is fit to be a baseline.
Run: OPENBLAS_NUM_THREADS=2 python3 bench/mlp_train_numpy.py 4096 [ROUNDS]
"""
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blas_core  # noqa: E402


def main():
    batch = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    widths = [784, 512, 256, 10]
    rate = np.float32(0.05)
    rng = np.random.default_rng(7)
    x = rng.random((batch, widths[0]), dtype=np.float32)
    labels = rng.integers(0, widths[-1], batch)
    onehot = np.zeros((batch, widths[-1]), dtype=np.float32)
    onehot[np.arange(batch), labels] = 1
    start_weights = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        start_weights.append((rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32),
                              rng.uniform(-0.1, 0.1, fan_out).astype(np.float32)))
    layers = [(w.copy(), b.copy()) for w, b in start_weights]

    def step():
        hs = [x]
        for i, (w, b) in enumerate(layers):
            z = hs[-1] @ w + b
            if i < len(layers) - 1:
                np.maximum(z, 0, out=z)
            hs.append(z)
        logits = hs[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(total[:, 0]) - shifted[np.arange(batch), labels]))
        dz = (e / total - onehot) / np.float32(batch)
        for i in range(len(layers) - 1, -1, -1):
            w, b = layers[i]
            dw = hs[i].T @ dz
            db = dz.sum(axis=0)
            if i > 0:
                dz = (dz @ w.T) * (hs[i] > 0)
            w -= rate * dw
            b -= rate * db
        return loss

    times = []
    loss = 0.0
    for r in range(rounds + 3):
        for (w, b), (w0, b0) in zip(layers, start_weights):
            np.copyto(w, w0)
            np.copyto(b, b0)
        begin = time.perf_counter()
        loss = step()
        elapsed = time.perf_counter() - begin
        if r >= 3:
            times.append(elapsed)
    median = statistics.median(times)
    forward = sum(a * b for a, b in zip(widths, widths[1:]))
    flops = 2.0 * batch * (3 * forward - widths[0] * widths[1])
    core = blas_core.numpy_core()
    print(f"numpy mlp-train batch={batch} median {median * 1e3:.3f} ms {flops / median * 1e-9:.1f} GFLOP/s "
          f"(loss {loss:.4f}; BLAS core {core}, {blas_core.verdict(core)}, "
          f"threads {os.environ.get('OPENBLAS_NUM_THREADS', 'default')})")


if __name__ == "__main__":
    main()
