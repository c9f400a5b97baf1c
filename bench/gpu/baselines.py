"""The GPU baselines of the GPU issue, measured by PyTorch on the same device, CUDA events:
device-to-device copy bandwidth, pinned host-to-device copy bandwidth, cuBLAS SGEMM at
n = 8192 with TF32 off (CUDA cores, as lanes' kernel), and one SGD step of mlp-train's
784-512-256-10 network (samples/mlp-training.yaml) at batch 64 and 4096, written out as
bench/mlp_train_numpy.py writes it, on device-resident data. Prints one JSON object.
Usage: python3 bench/gpu/baselines.py [N]"""
import json
import sys

import torch


def best_ms(fn, repeats):
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    fn()
    torch.cuda.synchronize()
    best = float("inf")
    for _ in range(repeats):
        start.record()
        fn()
        end.record()
        end.synchronize()
        best = min(best, start.elapsed_time(end))
    return best


def train_step_ms(batch, repeats):
    """One SGD step (forward, softmax cross-entropy, backward, update), f32, TF32 off: the best of repeats."""
    widths = [784, 512, 256, 10]
    gen = torch.Generator(device="cuda").manual_seed(7)
    x = torch.rand(batch, widths[0], device="cuda", generator=gen)
    labels = torch.randint(0, widths[-1], (batch,), device="cuda", generator=gen)
    onehot = torch.nn.functional.one_hot(labels, widths[-1]).float()
    layers = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        limit = (6.0 / (fan_in + fan_out)) ** 0.5
        layers.append(((torch.rand(fan_in, fan_out, device="cuda", generator=gen) * 2 - 1) * limit,
                       (torch.rand(fan_out, device="cuda", generator=gen) * 2 - 1) * 0.1))
    rate = 0.05

    def step():
        hs = [x]
        for i, (w, b) in enumerate(layers):
            z = torch.addmm(b, hs[-1], w)
            hs.append(torch.relu(z) if i < len(layers) - 1 else z)
        logits = hs[-1]
        shifted = logits - logits.max(dim=1, keepdim=True).values
        e = torch.exp(shifted)
        dz = (e / e.sum(dim=1, keepdim=True) - onehot) / batch
        for i in range(len(layers) - 1, -1, -1):
            w, b = layers[i]
            dw = hs[i].T @ dz
            db = dz.sum(dim=0)
            if i > 0:
                dz = (dz @ w.T) * (hs[i] > 0)
            w.sub_(rate * dw)
            b.sub_(rate * db)

    return best_ms(step, repeats)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8192
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    elements = 1 << 28                                   # 1 GiB of f32
    src = torch.ones(elements, dtype=torch.float32, device="cuda")
    dst = torch.empty_like(src)
    copy_ms = best_ms(lambda: dst.copy_(src), 10)
    host = torch.ones(elements, dtype=torch.float32).pin_memory()
    h2d_ms = best_ms(lambda: dst.copy_(host, non_blocking=True), 10)
    d2h_ms = best_ms(lambda: host.copy_(dst, non_blocking=True), 10)
    del src, dst, host
    a = torch.rand(n, n, device="cuda") * 2 - 1
    b = torch.rand(n, n, device="cuda") * 2 - 1
    gemm_ms = best_ms(lambda: torch.mm(a, b), 10)
    print(json.dumps({
        "device": torch.cuda.get_device_name(0),
        "deviceCopyGbps": 2 * elements * 4 / copy_ms / 1e6,
        "pinnedHostToDeviceGbps": elements * 4 / h2d_ms / 1e6,
        "pinnedDeviceToHostGbps": elements * 4 / d2h_ms / 1e6,
        "sgemmN": n,
        "sgemmMs": gemm_ms,
        "sgemmGflops": 2.0 * n ** 3 / gemm_ms / 1e6,
        "tf32": torch.backends.cuda.matmul.allow_tf32,
        "trainStepMs": {str(batch): train_step_ms(batch, 20) for batch in (64, 4096)},
    }))


if __name__ == "__main__":
    main()
