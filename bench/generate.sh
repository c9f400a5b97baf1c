#!/usr/bin/env bash
# generate's speed as a user meets it: each round is a fresh `lanes run` of a spec whose data
# stage makes LENGTH values (2 threads, timed once, cold: the JIT's warm-up and the first touch
# of the array are in the figure, as they are in every run), for normal and uniform f32 and f64;
# the median over ROUNDS runs. numpy's generator (PCG64, ziggurat normals; one thread, warm) on
# the same counts is printed beside it for scale, not as a goal.
# Usage: bench/generate.sh [ROUNDS] [LENGTH: a count, or a whole number of millions as 100M]
# Needs: python3 with numpy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
length="${2:-100M}"
[[ "$length" =~ ^[0-9]+M?$ ]] || { echo "bench/generate.sh: LENGTH '$length' is not a count or NM (as 100M)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/lanes" --version >/dev/null 2>&1
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores; $length values, 2 threads, median of $rounds runs"
for case in "normal f32" "normal f64" "uniform f32" "uniform f64"; do
  set -- $case
  cat > "$work/g.yaml" <<YAML
settings: { warmup: 0, iterations: 1, threads: [2] }
stages:
  - { id: x, kernel: generate, params: { length: $length, type: $2, distribution: $1, seed: 5 } }
  - { id: squares, kernel: sum-of-squares, inputs: [x] }
YAML
  times=()
  for ((r = 1; r <= rounds; r++)); do
    LANES_JAVA_OPTS=-Xmx3g "$root/lanes" run "$work/g.yaml" --quiet --format json > "$work/r.json"
    times+=("$(python3 -c "
import json
r = json.load(open('$work/r.json'))
print(next(p for p in r['points'] if p['kernel'] == 'generate')['summary']['medianNanos'] / 1e6)")")
  done
  python3 - "$1" "$2" "$length" "${times[@]}" <<'PY'
import statistics, sys, time
import numpy as np
dist, typ, length, times = sys.argv[1], sys.argv[2], sys.argv[3], [float(t) for t in sys.argv[4:]]
n = int(length[:-1]) * 1_000_000 if length.endswith('M') else int(length)
median = statistics.median(times)
rng = np.random.default_rng(5)
dtype = np.float32 if typ == 'f32' else np.float64
make = (lambda: rng.standard_normal(n, dtype=dtype)) if dist == 'normal' else (lambda: rng.random(n, dtype=dtype))
make()
best = []
for _ in range(3):
    t = time.perf_counter(); make(); best.append(time.perf_counter() - t)
numpy_ms = statistics.median(best) * 1e3
runs = ', '.join(f'{t:.0f}' for t in times)
print(f'{dist:7} {typ}: lanes {median:7.1f} ms ({n / median / 1e3:6.0f} M values/s; runs {runs} ms)'
      f'   numpy 1 thread {numpy_ms:7.1f} ms ({n / numpy_ms / 1e3:4.0f} M/s)')
PY
done
