#!/usr/bin/env bash
# Every speed goal of the kernels issue, lanes against its baseline, side by side on the
# same thread count, interleaved over ROUNDS rounds so machine noise hits both alike.
# Prints one line per goal: medians of the rounds, the ratio lanes ÷ baseline (as speed:
# > 1 means lanes is faster) and the goal. Also the FMA peak, for shares.
#
# A BLAS baseline is the best this machine offers, and says what it ran: matmul is timed
# against numpy's bundled OpenBLAS and the system's (and the system's again with
# OPENBLAS_CORETYPE set for this CPU when it picked generic kernels), each with the core
# OpenBLAS chose; the fastest valid one is the baseline. A core of generic or SSE-era kernels
# on an AVX2 or AVX-512 CPU is INVALID (bench/blas_core.py), and a goal against only invalid
# baselines is reported INVALID, never "met". RATIOS_ONLY=matmul runs the matmul goals alone,
# RATIOS_ONLY=mlp the mlp-forward and mlp-train goals alone.
#
# Usage: bench/ratios.sh [ROUNDS] [THREADS]        (defaults: 3 rounds, 2 threads)
# Needs: gcc with OpenMP, libopenblas-dev, python3 with numpy, a JDK 25 (the launcher finds it).
# The goals are issue 16's (issue 3's where issue 16 names none: monte-carlo-pi, histogram);
# bench/sum-of-squares.sh compares the sum of squares at more sizes and with Java streams too.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
threads="${2:-2}"
out="$root/bench/out/ratios"
mkdir -p "$out"
[ "${RATIOS_REPORT_ONLY:-}" = 1 ] || rm -f "$out"/*.txt
gcc -O2 -march=native -fopenmp "$root/bench/fma_peak.c" -o "$out/fma_peak"
gcc -O2 "$root/bench/gemm_openblas.c" -o "$out/gemm_openblas" -lopenblas
# -ffp-contract=off: x*x + y*y with two roundings, as Java computes it, so both count the same hits
gcc -O3 -march=native -fopenmp -ffp-contract=off "$root/bench/monte_carlo_pi.c" -o "$out/monte_carlo_pi"
gcc -O3 -march=native -fopenmp "$root/bench/stencil2d.c" -o "$out/stencil2d"
gcc -O3 -march=native -fopenmp "$root/bench/histogram.c" -o "$out/histogram" -lm
gcc -O3 -march=native -fopenmp "$root/bench/prefix_sum.c" -o "$out/prefix_sum"
gcc -O3 -march=native -fopenmp "$root/bench/sum_of_squares.c" -o "$out/sum_of_squares"
"$root/lanes" --version >/dev/null 2>&1   # builds the jar if needed, outside the timings

# lanes SPEC STAGE [run options...]: the stage's median in ms, on exactly THREADS threads
# (the goals are stated per thread count; left to itself, the planner may keep a
# memory-bound stage on one thread when it expects no gain from a second)
lanes_ms() {
  local spec="$1" stage="$2"
  shift 2
  "$root/lanes" run "$spec" --backend threads --threads "$threads" --format json "$@" 2>/dev/null \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); s=[s for s in r["points"] if s["key"]["stage"]==sys.argv[1]][-1]; print(s["summary"]["medianNanos"]/1e6)' "$stage"
}
record() { echo "$2" >> "$out/$1.txt"; }
median_of() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p'; }
core_of() { sed -n 's/.*(core: \([^)]*\)).*/\1/p'; }
only="${RATIOS_ONLY:-}"
# the JDK 25 the launcher would pick, for the Arrays.parallelSort baseline
java_bin() { "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" "$@"; }

for ((r = 1; r <= rounds; r++)); do
  [ "${RATIOS_REPORT_ONLY:-}" = 1 ] && break
  echo "round $r of $rounds" >&2
  for t in $([ -z "$only" ] || [ "$only" = matmul ] && echo f32 f64); do
    record "matmul-$t.lanes" "$(lanes_ms "$root/samples/matmul.yaml" product --set product.n=2048 --set "product.type=$t" --iterations 7)"
    line="$(OPENBLAS_NUM_THREADS=$threads "$out/gemm_openblas" $t 2048 7)"
    record "matmul-$t.base-system" "$(median_of <<< "$line")"
    core_of <<< "$line" > "$out/core-system.txt"
    if ! python3 -c "import sys; sys.path.insert(0, '$root/bench'); import blas_core; sys.exit(blas_core.verdict(sys.argv[1]) != 'valid')" "$(core_of <<< "$line")"; then
      coretype="$(python3 -c "import sys; sys.path.insert(0, '$root/bench'); import blas_core; print(blas_core.best_coretype() or '')")"
      if [ -n "$coretype" ]; then
        line="$(OPENBLAS_CORETYPE=$coretype OPENBLAS_NUM_THREADS=$threads "$out/gemm_openblas" $t 2048 7)"
        record "matmul-$t.base-system-forced" "$(median_of <<< "$line")"
        core_of <<< "$line" > "$out/core-system-forced.txt"
      fi
    fi
    line="$(OPENBLAS_NUM_THREADS=$threads python3 "$root/bench/gemm_numpy.py" $t 2048 7)"
    record "matmul-$t.base-numpy" "$(median_of <<< "$line")"
    core_of <<< "$line" > "$out/core-numpy.txt"
  done
  [ "$only" = matmul ] && continue
  for b in 64 4096; do
    record "mlp-$b.lanes" "$(lanes_ms "$root/samples/mlp-inference.yaml" "batch-$b" --iterations 15)"
    record "mlp-$b.base" "$(OPENBLAS_NUM_THREADS=$threads python3 "$root/bench/mlp_numpy.py" $b 15 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')"
    record "train-$b.lanes" "$(lanes_ms "$root/samples/mlp-training.yaml" "batch-$b" --iterations 15)"
    line="$(OPENBLAS_NUM_THREADS=$threads python3 "$root/bench/mlp_train_numpy.py" $b 15)"
    record "train-$b.base" "$(median_of <<< "$line")"
    sed -n 's/.*BLAS core \([^,]*\),.*/\1/p' <<< "$line" > "$out/core-numpy.txt"
  done
  [ "$only" = mlp ] && continue
  record "sum-squares.lanes" "$(lanes_ms "$root/samples/sum-of-squares.yaml" squares --set data.length=100M --iterations 10)"
  record "sum-squares.base" "$(OMP_NUM_THREADS=$threads OMP_PROC_BIND=true "$out/sum_of_squares" 100000000 10 | sed -n 's/.*median_ns=\([0-9.]*\).*/\1/p' | awk '{print $1 / 1e6}')"
  record "mc-pi.lanes" "$(lanes_ms "$root/samples/monte-carlo.yaml" pi --iterations 7)"
  record "mc-pi.base" "$(OMP_NUM_THREADS=$threads OMP_PROC_BIND=true "$out/monte_carlo_pi" 100000000 7 2026 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')"
  for s in 3 5; do
    record "stencil$s.lanes" "$(lanes_ms "$root/samples/image-blur.yaml" "blur$s" --iterations 7)"
    record "stencil$s.base" "$(OMP_NUM_THREADS=$threads OMP_PROC_BIND=true "$out/stencil2d" 8192 8192 $s 7 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')"
  done
  record "histogram.lanes" "$(lanes_ms "$root/samples/histogram.yaml" counts --iterations 7)"
  record "histogram.base" "$(OMP_NUM_THREADS=$threads OMP_PROC_BIND=true "$out/histogram" 100000000 256 -4 4 7 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')"
  record "prefix-sum.lanes" "$(lanes_ms "$root/samples/prefix-sum.yaml" scan --iterations 7)"
  record "prefix-sum.base" "$(OMP_NUM_THREADS=$threads OMP_PROC_BIND=true "$out/prefix_sum" 100000000 7 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')"
  for t in f64 i64; do
    stage=$([ $t = f64 ] && echo sorted-doubles || echo sorted-longs)
    record "sort-$t.lanes" "$(lanes_ms "$root/samples/sort.yaml" "$stage" --iterations 7)"
    record "sort-$t.base" "$(java_bin -Xmx4g -Djava.util.concurrent.ForkJoinPool.common.parallelism=$threads "$root/bench/SortBaseline.java" $t 10000000 7 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')"
  done
done

OMP_NUM_THREADS="$threads" "$out/fma_peak"
python3 - "$out" "$threads" "$root/bench" <<'PY'
import statistics, sys, pathlib
out, threads = pathlib.Path(sys.argv[1]), sys.argv[2]
sys.path.insert(0, sys.argv[3])
import blas_core

def core(name):
    f = out / f"core-{name}.txt"
    return f.read_text().strip() if f.exists() and f.read_text().strip() else None

# the BLAS baselines a goal may be held to, each with the core it ran: the fastest valid one counts
BLAS = [("base-numpy", "numpy's OpenBLAS", "numpy"), ("base-system", "system OpenBLAS", "system"),
        ("base-system-forced", "system OpenBLAS with OPENBLAS_CORETYPE", "system-forced")]
goals = [
    ("matmul-f32", "matmul f32 n=2048 vs the best OpenBLAS sgemm", 1.0, 2 * 2048 ** 3),
    ("matmul-f64", "matmul f64 n=2048 vs the best OpenBLAS dgemm", 1.0, 2 * 2048 ** 3),
    ("mlp-4096", "mlp-forward batch 4096 vs numpy", 1.2, 2 * 4096 * (784 * 512 + 512 * 256 + 256 * 10)),
    ("mlp-64", "mlp-forward batch 64 vs numpy", 1.0, 2 * 64 * (784 * 512 + 512 * 256 + 256 * 10)),
    ("train-64", "mlp-train step batch 64 vs numpy", 1.0, 2 * 64 * (3 * 535040 - 784 * 512)),
    ("train-4096", "mlp-train step batch 4096 vs numpy", 1.0, 2 * 4096 * (3 * 535040 - 784 * 512)),
    ("mc-pi", "monte-carlo-pi 1e8 vs C OpenMP", 0.9, 3e8),
    ("sum-squares", "sum-of-squares 1e8 f64 vs C OpenMP", 0.95, 2e8),
    ("stencil3", "stencil2d 3x3 8192² vs C OpenMP", 0.95, 2 * 9 * 8192 ** 2),
    ("stencil5", "stencil2d 5x5 8192² vs C OpenMP", 0.95, 2 * 25 * 8192 ** 2),
    ("histogram", "histogram 1e8 f32, 256 bins vs C OpenMP", 0.8, 2e8),
    ("prefix-sum", "prefix-sum 1e8 f32 vs C OpenMP", 1.0, 1e8),
    ("sort-f64", "sort 1e7 f64 vs Arrays.parallelSort", 1.0, 0),
    ("sort-i64", "sort 1e7 i64 vs Arrays.parallelSort", 1.0, 0),
]
print(f"{'goal (' + threads + ' threads)':<46} {'lanes ms':>9} {'base ms':>9} {'ratio':>6} {'goal':>6}  GFLOP/s lanes / base")
for key, label, goal, flops in goals:
    lanes_file, base_file = out / f"{key}.lanes.txt", out / f"{key}.base.txt"
    if not lanes_file.exists():
        continue
    lanes = statistics.median(float(x) for x in lanes_file.read_text().split())
    notes = []
    valid = True
    if key.startswith("matmul"):
        candidates = []
        for suffix, what, core_key in BLAS:
            f = out / f"{key}.{suffix}.txt"
            if f.exists():
                ms = statistics.median(float(x) for x in f.read_text().split())
                c = core(core_key)
                v = blas_core.verdict(c)
                candidates.append((ms, what, c, v))
                notes.append(f"{what} (core {c}, {threads} threads): {ms:.2f} ms" + ("" if v == "valid" else f", {v}"))
        good = [c for c in candidates if c[3] == "valid"]
        valid = bool(good)
        base = min(good or candidates)[0]
        notes.append("baseline: " + (min(good)[1] if good else "none valid"))
    else:
        base = statistics.median(float(x) for x in base_file.read_text().split())
        if key.startswith("mlp") or key.startswith("train"):
            v = blas_core.verdict(core("numpy"))
            valid = v == "valid"
            notes.append(f"numpy's OpenBLAS core {core('numpy')}" + ("" if valid else f": {v}"))
    ratio = base / lanes
    verdict = "" if goal is None else ("INVALID baseline" if not valid else "met" if ratio >= goal else "MISSED")
    rates = f"{flops / lanes / 1e6:7.1f} / {flops / base / 1e6:.1f} " if flops else "      - "
    print(f"{label:<46} {lanes:9.2f} {base:9.2f} {ratio:6.2f} {('≥' + str(goal)) if goal else '-':>6}  {rates}{verdict}")
    for n in notes:
        print(f"    {n}")
PY
