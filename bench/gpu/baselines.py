"""The GPU baselines of the GPU issue, measured by PyTorch on the same device, CUDA events:
device-to-device copy bandwidth, pinned host-to-device copy bandwidth, and cuBLAS SGEMM at
n = 8192 with TF32 off (CUDA cores, as lanes' kernel). Prints one JSON object.
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
    }))


if __name__ == "__main__":
    main()
