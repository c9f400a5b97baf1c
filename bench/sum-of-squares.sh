#!/usr/bin/env bash
# Side-by-side: lanes' sum-of-squares (threads backend) against the same loop in C with
# OpenMP and against Java parallel streams, on the same thread count, interleaved over
# several rounds so machine noise hits all three alike. Prints GB/s medians and ratios.
#
# Usage: bench/sum-of-squares.sh [ROUNDS] [THREADS]     (defaults: 5 rounds, all cores)
# Needs: gcc with OpenMP, python3 (to read lanes' JSON), a JDK 25 (the launcher finds it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
threads="${2:-$(nproc)}"
out="$root/bench/out"
mkdir -p "$out"
gcc -O3 -march=native -fopenmp "$root/bench/sum_of_squares.c" -o "$out/sum_of_squares"
"$root/lanes" --version >/dev/null 2>&1   # builds the jar if needed, outside the timings
jdk="$(for d in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -q 'version "2[5-9]' && echo "$d" && break; done)"

lanes_gbps() {  # N ITERATIONS
  "$root/lanes" run "$root/samples/sum-of-squares.yaml" --set "data.length=$1" --backend threads \
    --threads "$threads" --iterations "$2" --warmup 5 --format json 2>/dev/null \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print([s for s in r["points"] if s["key"]["stage"]=="squares"][-1]["throughput"]["gigabytesPerSecond"])'
}
c_gbps() {
  OMP_NUM_THREADS="$threads" OMP_PROC_BIND=true "$out/sum_of_squares" "$1" "$2" | sed -n 's/.*gbps=\([0-9.]*\).*/\1/p'
}
streams_gbps() {
  "$jdk/bin/java" -XX:+UseParallelGC -Djava.util.concurrent.ForkJoinPool.common.parallelism="$((threads - 1))" \
    "$root/bench/StreamsSumOfSquares.java" "$1" "$2" | sed -n 's/.*gbps=\([0-9.]*\).*/\1/p'
}

for n in 100000000 1000000; do
  iterations=$(( n >= 10000000 ? 20 : 200 ))
  : > "$out/lanes.$n" ; : > "$out/c.$n" ; : > "$out/streams.$n"
  for ((r = 1; r <= rounds; r++)); do
    lanes_gbps "$n" "$iterations" >> "$out/lanes.$n"
    c_gbps "$n" "$iterations" >> "$out/c.$n"
    streams_gbps "$n" "$iterations" >> "$out/streams.$n"
  done
done

python3 - "$out" "$threads" "$rounds" <<'PY'
import statistics, sys
out, threads, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
print(f"sum-of-squares, f64, {threads} threads, median of {rounds} interleaved rounds (GB/s, 8 bytes per element)")
print(f"{'n':>11}  {'lanes':>7}  {'C OpenMP':>8}  {'streams':>7}  {'lanes/C':>7}  {'lanes/streams':>13}")
for n in ("100000000", "1000000"):
    def med(name):
        return statistics.median(float(v) for v in open(f"{out}/{name}.{n}") if v.strip())
    lanes, c, streams = med("lanes"), med("c"), med("streams")
    print(f"{int(n):>11}  {lanes:7.1f}  {c:8.1f}  {streams:7.1f}  {lanes / c:7.2f}  {lanes / streams:13.1f}")
PY
