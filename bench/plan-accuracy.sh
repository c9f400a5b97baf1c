#!/usr/bin/env bash
# How well does the cost model know this machine? Runs every CPU sample once, as planned,
# and prints for each stage point the plan's estimate, the measured median, their ratio
# (plan accuracy: the goal is 0.5 to 2 everywhere) and the share of the roof (a share above
# 100% is the model's error: the run prints "above" instead).
#
# Usage: bench/plan-accuracy.sh [quick|full]   (default quick)
#   quick: the quick calibration the first run makes, as a new user gets it
#   full:  a full 'lanes calibrate' first
# It keeps its calibration in bench/out/accuracy-cache, made afresh each time. Needs python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-quick}"
case "$mode" in quick|full) ;; *) echo "bench/plan-accuracy.sh: expected quick or full, got '$mode'" >&2; exit 2 ;; esac
out="$root/bench/out/accuracy"
cache="$root/bench/out/accuracy-cache"
rm -rf "$cache" "$out"
mkdir -p "$cache" "$out"
"$root/lanes" --version >/dev/null 2>&1   # builds the jar if needed, outside the runs
[ "$mode" = full ] && "$root/lanes" calibrate --cache-dir "$cache" >&2
echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores; calibration: $mode"

samples=(sum-of-squares axpy dot histogram image-blur matmul mlp-inference monte-carlo prefix-sum sort hashing
         vmap-rows weak-scaling from-numpy)
for s in "${samples[@]}"; do
  "$root/lanes" run "$root/samples/$s.yaml" --cache-dir "$cache" --format json -o "$out/$s.json" >/dev/null 2>"$out/$s.err" \
    || { echo "$s: the run failed (see $out/$s.err)" >&2; exit 1; }
done

python3 - "$out" "${samples[@]}" <<'PY'
import json, sys
out, samples = sys.argv[1], sys.argv[2:]
def dur(ns):
    for unit, f in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= f: return f"{ns / f:.3g} {unit}"
    return f"{ns:.3g} ns"
rows, ratios, above = [], [], 0
for s in samples:
    r = json.load(open(f"{out}/{s}.json"))
    for p in r["points"]:
        e, roof = p.get("estimate"), p.get("roof")
        if not e:
            continue
        k = p["key"]
        median = p["summary"]["medianNanos"]
        ratio = e["nanos"] / median
        ratios.append(ratio)
        if roof and roof["share"] >= 1.005:
            above += 1
            share = "above"
        else:
            share = f"{100 * roof['share']:.0f}%" if roof else "–"
        point = ",".join(f"{a['name']}={a['value']}" for a in k["point"]) or "–"
        label = k["backend"] + (f"({k['inner']})" if k.get("inner") not in (None, k["backend"]) else "")
        rows.append((s, k["stage"], point, label, str(k["threads"]), dur(e["nanos"]), dur(median), f"{ratio:.2f}",
                     share, e["bound"]))
head = ("sample", "stage", "point", "backend", "threads", "estimate", "median", "accuracy", "of roof", "bound")
widths = [max(len(x[i]) for x in rows + [head]) for i in range(len(head))]
for row in [head] + rows:
    print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
inside = sum(1 for x in ratios if 0.5 <= x <= 2)
ratios.sort()
print(f"plan accuracy within 0.5-2: {inside} of {len(ratios)} stage points; median {ratios[len(ratios) // 2]:.2f}, "
      f"range {ratios[0]:.2f}-{ratios[-1]:.2f}; above the roof: {above}")
PY
