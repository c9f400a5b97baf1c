#!/usr/bin/env bash
# --shard-by blocks end to end on this machine: a spec run whole, then as N shards that each
# run their part of every stage's blocks (one after another, as a scheduler array might), then
# merged. Prints each point's whole-run median against the merged one (the slowest shard's
# part) and whether the outputs are the same bits; the partials' sizes; the merge's time.
# Usage: bench/block-shards.sh [SHARDS]  (default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shards="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/spec.yaml" <<'SPEC'
name: block-shards
settings: { warmup: 5, iterations: 15, threads: [1, 2] }
stages:
  - { id: x, kernel: generate, params: { length: 20M, seed: 1 } }
  - { id: squares, kernel: sum-of-squares, inputs: [x] }
  - { id: product, kernel: matmul, params: { n: 1024, type: f64, seed: 3 } }
SPEC
"$root/lanes" run "$work/spec.yaml" --quiet -o "$work/whole.json" 2>/dev/null
for k in $(seq 1 "$shards"); do
  "$root/lanes" run "$work/spec.yaml" --shard "$k/$shards" --shard-by blocks --quiet -o "$work/part-{shard}.json" 2>/dev/null
done
start=$(date +%s.%N)
"$root/lanes" merge "$work"/part-*.json -o "$work/merged.json" 2>/dev/null
end=$(date +%s.%N)
python3 - "$work" "$shards" "$start" "$end" <<'PY'
import json, os, sys
work, shards, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
whole = json.load(open(f"{work}/whole.json"))
merged = json.load(open(f"{work}/merged.json"))
print(f"CPU: {whole['machine']['cpuModel']}, {whole['machine']['cores']} cores; {shards} block shards run one after another")
print(f"{'point':28} {'whole':>10} {'merged':>10} {'same bits':>10} {'check':>6}")
for a, b in zip(whole["points"], merged["points"]):
    if a["source"]:
        continue
    key = f"{a['key']['stage']} x{a['key']['threads']}"
    same = a["checksum"] == b["checksum"] and a["output"] == b["output"]
    print(f"{key:28} {a['summary']['medianNanos'] / 1e6:8.2f}ms {b['summary']['medianNanos'] / 1e6:8.2f}ms "
          f"{str(same):>10} {str(b['check']['passed']):>6}")
sizes = [os.path.getsize(f"{work}/part-{k}.json") for k in range(1, shards + 1)]
print("partial results: " + ", ".join(f"{s / 2**20:.1f} MiB" for s in sizes))
print(f"lanes merge (whole process): {end - start:.2f} s")
PY
