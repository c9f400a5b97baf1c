#!/usr/bin/env bash
# The speed goals of the GPU issue, on a machine with an NVIDIA GPU (gpu/device-run.sh bench
# runs it on a lent GPU machine). Results go to $OUT (the device tool's folder) or bench/out/gpu.
#
#   1. lanes calibrate: the device-to-device copy bandwidth, pinned copies, FMA peaks, launch cost
#   2. sum-of-squares over 1e9 f32 on the GPU: kernel GB/s ÷ that copy bandwidth      goal ≥ 0.8
#   3. matmul f32 n = 8192 on the GPU: kernel GFLOP/s ÷ cuBLAS SGEMM, TF32 off           goal ≥ 0.5
#   4. host→device from pinned memory: lanes' calibration ÷ PyTorch's pinned copy       goal ≥ 0.8
#   5. samples/gpu-offload.yaml: the planner's choices (auto), then every stage on the CPU
#      threads and on the GPU: auto is right when it picked the faster of the two
#   6. samples/mlp-training.yaml on the GPU: one SGD step at batch 64 and 4096 against the
#      same step in PyTorch (TF32 off), side by side; no goal is set yet, the ratio is reported
#
# Needs the lanes launcher's JDK 25 (or LANES_JAR + JAVA_HOME, as device-run.sh sets) and,
# for the baselines, python3 with PyTorch on CUDA.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$root/bench/out/gpu}"
mkdir -p "$out"
lanes() { "$root/lanes" "$@"; }
export LANES_JAVA_OPTS="${LANES_JAVA_OPTS:--Xmx48g}"

echo "== lanes info" | tee "$out/summary.txt"
lanes info 2>/dev/null | tee -a "$out/summary.txt"
echo "== lanes calibrate" | tee -a "$out/summary.txt"
lanes calibrate --format json > "$out/profile.json"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["gpu"]))' "$out/profile.json" | tee -a "$out/summary.txt"
else
  cat "$out/profile.json" >> "$out/summary.txt"
fi

for spec in bench/gpu/sum-of-squares-1e9.yaml bench/gpu/matmul-8192.yaml; do
  name="$(basename "$spec" .yaml)"
  echo "== lanes run $spec" | tee -a "$out/summary.txt"
  lanes run "$root/$spec" --format json --output "$out/$name.json" 2>&1 | tail -3 | tee -a "$out/summary.txt" || true
  lanes run "$root/$spec" 2>/dev/null > "$out/$name.txt" || true
done

echo "== planner: samples/gpu-offload.yaml" | tee -a "$out/summary.txt"
lanes plan "$root/samples/gpu-offload.yaml" 2>>"$out/errors.txt" | tee "$out/offload-plan.txt" | tee -a "$out/summary.txt" || true
for backend in auto threads gpu; do
  lanes run "$root/samples/gpu-offload.yaml" --backend "$backend" --format json --output "$out/offload-$backend.json" 2>>"$out/errors.txt" \
    || echo "samples/gpu-offload.yaml --backend $backend failed (see errors.txt)" | tee -a "$out/summary.txt"
done

echo "== lanes run samples/mlp-training.yaml --backend gpu" | tee -a "$out/summary.txt"
lanes run "$root/samples/mlp-training.yaml" --backend gpu --threads 1 --format json --output "$out/training-gpu.json" 2>>"$out/errors.txt" \
  || echo "samples/mlp-training.yaml --backend gpu failed (see errors.txt)" | tee -a "$out/summary.txt"

if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  python3 "$root/bench/gpu/baselines.py" 8192 > "$out/baselines.json" \
    || { echo "bench/gpu/baselines.py failed: no cuBLAS or PyTorch baselines" | tee -a "$out/summary.txt"; rm -f "$out/baselines.json"; }
else
  echo "no python3 with PyTorch on CUDA: no cuBLAS or PyTorch baselines" | tee -a "$out/summary.txt"
fi

if ! command -v python3 >/dev/null; then
  echo "no python3: the goal table is not computed; the JSON results are in $out" | tee -a "$out/summary.txt"
  exit 0
fi
python3 - "$out" <<'PY' | tee -a "$out/summary.txt"
import json, os, sys
out = sys.argv[1]
def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None
def stage(run, sid):
    return [s for s in run["points"] if s["key"]["stage"] == sid][-1]
profile, base = load("profile.json"), load("baselines.json")
gpu = profile and profile.get("gpu")
sos, mm = load("sum-of-squares-1e9.json"), load("matmul-8192.json")
print("%-44s %14s %14s %7s %6s" % ("goal", "lanes", "baseline", "ratio", "goal"))
if sos and gpu:
    s = stage(sos, "squares")
    gbps = s["bytesMoved"] / s["device"]["kernelNanos"]
    print("%-44s %9.0f GB/s %9.0f GB/s %7.2f %6s" % ("sum-of-squares 1e9 f32, kernel vs device copy", gbps, gpu["deviceGbps"], gbps / gpu["deviceGbps"], ">=0.8"))
if mm and base:
    s = stage(mm, "product")
    gflops = s["flops"] / s["device"]["kernelNanos"]
    print("%-44s %6.0f GFLOP/s %6.0f GFLOP/s %7.2f %6s" % ("matmul f32 8192, kernel vs cuBLAS (TF32 off)", gflops, base["sgemmGflops"], gflops / base["sgemmGflops"], ">=0.5"))
if gpu and base:
    print("%-44s %9.1f GB/s %9.1f GB/s %7.2f %6s" % ("pinned host->device copy vs PyTorch", gpu["hostToDeviceGbps"], base["pinnedHostToDeviceGbps"], gpu["hostToDeviceGbps"] / base["pinnedHostToDeviceGbps"], ">=0.8"))
training = load("training-gpu.json")
if training and base and "trainStepMs" in base:
    for batch in ("64", "4096"):
        step_ms = stage(training, "batch-" + batch)["summary"]["medianNanos"] / 1e6
        torch_ms = base["trainStepMs"][batch]
        print("%-44s %11.3f ms %11.3f ms %7.2f %6s" % ("mlp-train step b%s, lanes with its copies, vs PyTorch" % batch, step_ms, torch_ms,
              torch_ms / step_ms, "-"))
runs = {b: load("offload-%s.json" % b) for b in ("auto", "threads", "gpu")}
if all(runs.values()):
    for sid in ("squares", "product"):
        auto = stage(runs["auto"], sid)
        cpu_ms = stage(runs["threads"], sid)["summary"]["medianNanos"] / 1e6
        gpu_ms = stage(runs["gpu"], sid)["summary"]["medianNanos"] / 1e6
        faster = "gpu" if gpu_ms < cpu_ms else "cpu"
        chose = "gpu" if auto["key"]["backend"] == "gpu" else "cpu"
        print("planner, %-10s auto chose %-18s cpu %9.2f ms, gpu %9.2f ms: %s" % (sid, auto["key"]["backend"], cpu_ms, gpu_ms,
              "right" if chose == faster else "WRONG"))
PY
echo "bench/gpu.sh: results in $out"
