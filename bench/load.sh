#!/usr/bin/env bash
# Loading a 1 GiB .npy (134,217,728 f64 from numpy.save, in the page cache): lanes' load stage
# (timed once per run: two threads copying from a memory mapping into the array, which was
# allocated at bind time, untimed) with lanes' peak RSS (one copy on the heap: about 1 GiB plus
# the JVM), against the best reads of the same file here: numpy.load (which also allocates), a
# readinto of an already touched buffer (the copy alone, one thread) and dd to /dev/null.
# Usage: bench/load.sh [ROUNDS]          Needs: python3 with numpy, /usr/bin/time, 3 GiB of disk.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -c "import numpy as np; np.save('$work/big.npy', np.random.default_rng(3).random(134217728))"
cat > "$work/big.yaml" <<'YAML'
settings: { warmup: 2, iterations: 5, threads: [2] }
stages:
  - { id: x, kernel: load, params: { file: big.npy } }
  - { id: squares, kernel: sum-of-squares, inputs: [x] }
YAML
"$root/lanes" --version >/dev/null 2>&1
cat "$work/big.npy" > /dev/null                                   # in the page cache for both
for ((r = 1; r <= rounds; r++)); do
  LANES_JAVA_OPTS=-Xmx2g /usr/bin/time -v "$root/lanes" run "$work/big.yaml" --quiet --format json \
    > "$work/r.json" 2> "$work/time.txt"
  load_ms=$(python3 -c "import json; r = json.load(open('$work/r.json')); print(r['points'][0]['summary']['medianNanos'] / 1e6)")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  cat "$work/big.npy" > /dev/null
  base=$(python3 -c "
import statistics, time, numpy as np
def best(f):
    times = []
    for _ in range(3):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3
b = np.ones(134217728)
def readinto():
    with open('$work/big.npy', 'rb') as f:
        f.seek(128); f.readinto(memoryview(b).cast('B'))
print(f'numpy.load {best(lambda: np.load(\"$work/big.npy\")):.1f} ms, readinto a touched buffer {best(readinto):.1f} ms')")
  dd_s=$(dd if="$work/big.npy" of=/dev/null bs=16M 2>&1 | sed -n 's/.* copied, \([0-9.]*\) s.*/\1/p')
  printf 'round %d: lanes load %.1f ms (peak RSS %d kB); %s; dd to /dev/null %.1f ms\n' "$r" "$load_ms" "$rss" "$base" \
    "$(python3 -c "print($dd_s * 1e3)")"
done
