#!/usr/bin/env bash
# How good is the planner here? Runs every sample stage, at several sizes, on every
# backend and thread count; then says for how many stages `auto` (the plan) picked a
# candidate whose measured median is within 10% of the fastest measured one, and for how
# many the plan's estimate of its choice is within 2x of the measured time.
#
# Usage: bench/planner.sh [THREADS]   (default: all cores). Needs python3.
# It calibrates once into bench/out/cache (a full 'lanes calibrate') and plans with that.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${1:-$(nproc)}"
out="$root/bench/out/planner"
cache="$root/bench/out/cache"
mkdir -p "$out" "$cache"
"$root/lanes" calibrate --cache-dir "$cache" >&2

# spec | stage | size parameter(s) | sizes
cases=(
  "sum-of-squares.yaml|squares|data.length|10k 100k 1M 10M 100M"
  "axpy.yaml|update|x.length y.length|10k 100k 1M 10M"
  "dot.yaml|xy|x.length y.length|100k 10M"
)
: > "$out/runs.jsonl"
for c in "${cases[@]}"; do
  IFS='|' read -r spec stage params sizes <<< "$c"
  for n in $sizes; do
    sets=()
    for p in $params; do sets+=(--set "$p=$n"); done
    "$root/lanes" plan "$root/samples/$spec" "${sets[@]}" --cache-dir "$cache" --format json 2>/dev/null \
      | python3 -c "import json,sys; [print(json.dumps({'kind':'plan','spec':'$spec','n':'$n','plan':p})) for p in json.load(sys.stdin)[0]['stages'] if p['stage']=='$stage']" >> "$out/runs.jsonl"
    for backend in scalar simd threads; do
      t=1; [ "$backend" = threads ] && t="1,$threads"
      "$root/lanes" run "$root/samples/$spec" "${sets[@]}" --backend "$backend" --threads "$t" --cache-dir "$cache" \
        --format json 2>/dev/null \
        | python3 -c "import json,sys; r=json.load(sys.stdin); [print(json.dumps({'kind':'run','spec':'$spec','n':'$n','result':s})) for s in r['points'] if s['key']['stage']=='$stage']" >> "$out/runs.jsonl"
    done
  done
done

python3 - "$out/runs.jsonl" <<'PY'
import json, sys
plans, runs = {}, {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    key = (r["spec"], r["n"])
    if r["kind"] == "plan":
        plans[key] = r["plan"]
    else:
        s = r["result"]
        k = s["key"]
        label = k["backend"] if k["backend"] != "threads" else "threads(%s) x%d" % (k["inner"], k["threads"])
        runs.setdefault(key, {})[label] = s
def fmt(ns):
    return "%.3g ms" % (ns / 1e6)
good_choice = good_estimate = total = 0
print("%-20s %6s  %-22s %10s  %-22s %10s  %6s  %s" % ("spec", "n", "auto's choice", "measured", "fastest measured", "median", "est/meas", "verdict"))
for key in sorted(plans, key=lambda k: (k[0], float(k[1].rstrip("kMG")) * {"k": 1e3, "M": 1e6, "G": 1e9}.get(k[1][-1], 1))):
    plan, measured = plans[key], runs.get(key, {})
    if not measured:
        continue
    c = plan["chosen"]
    label = c["backend"].lower() if c["backend"].lower() != "threads" else "threads(%s) x%d" % (c["inner"].lower(), c["threads"])
    fastest = min(measured, key=lambda l: measured[l]["summary"]["medianNanos"])
    best = measured[fastest]["summary"]["medianNanos"]
    mine = measured.get(label)
    total += 1
    if mine is None:
        print("%-20s %6s  %-22s (not measured)" % (key[0], key[1], label)); continue
    t = mine["summary"]["medianNanos"]
    ok = t <= best * 1.10
    ratio = c["nanos"] / t
    good_choice += ok
    good_estimate += 0.5 <= ratio <= 2
    print("%-20s %6s  %-22s %10s  %-22s %10s  %6.2f  %s" % (key[0], key[1], label, fmt(t), fastest, fmt(best), ratio, "ok" if ok else "MISS"))
print()
print("auto within 10%% of the fastest measured: %d of %d stages (%.0f%%; goal >= 90%%)" % (good_choice, total, 100.0 * good_choice / total))
print("estimate within 2x of the measured time: %d of %d stages (%.0f%%; goal >= 80%%)" % (good_estimate, total, 100.0 * good_estimate / total))
PY
