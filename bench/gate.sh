#!/usr/bin/env bash
# The gate's own error rates on this machine, for docs/ci.md, as a CI job on main would
# see them: every run of a spec is compared with a baseline of the runs before it (the last
# BASELINE_RUNS: run --baseline base.json --save-baseline base.json), so the baseline
# follows the machine over time as a baseline kept by main's builds does. Each of ROUNDS
# runs, after BASELINE_RUNS runs that only fill the baseline, is compared three ways at the
# default settings: as it is (an A/A comparison: any REGRESSED is a false alarm), and with
# its samples scaled by 1.10 and 1.25 (a program 10% and 25% slower, with the run's own
# noise kept: a regression the gate should catch).
#
# Usage: bench/gate.sh [ROUNDS] [BASELINE_RUNS] [EXTRA_RUN_FLAGS...]   (defaults: 20, 10)
#   e.g. bench/gate.sh 20 10 --forks 5
# Needs: python3 (to scale the samples).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-20}"
baseline_runs="${2:-10}"
shift $(( $# >= 2 ? 2 : $# )) || true
extra=("$@")
out="$root/bench/out/gate"
rm -rf "$out"
mkdir -p "$out"
"$root/lanes" --version >/dev/null 2>&1   # builds the jar if needed
"$root/lanes" info 2>/dev/null | head -4
echo "gate: default settings (--max-regression 5%, FDR 0.01); a rolling baseline of the last $baseline_runs runs;" \
  "$rounds rounds; run flags: ${extra[*]:-none}"

scale() {  # IN OUT FACTOR: the same run, every sample FACTOR times as long
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["points"]:
    p["samplesNanos"] = [round(s * float(sys.argv[3])) for s in p["samplesNanos"]]
json.dump(r, open(sys.argv[2], "w"), indent=1)
PY
}

for spec in samples/sum-of-squares.yaml bench/gate/matmul.yaml; do
  name="$(basename "$spec" .yaml)"
  base="$out/$name-baseline.json"
  for ((b = 1; b <= baseline_runs; b++)); do
    "$root/lanes" run "$root/$spec" --quiet "${extra[@]}" --save-baseline "$base" --format json -o /dev/null 2>/dev/null
  done
  alarms=0; caught10=0; caught25=0
  for ((i = 1; i <= rounds; i++)); do
    cp "$base" "$out/$name-$i-baseline.json"
    "$root/lanes" run "$root/$spec" --quiet "${extra[@]}" --save-baseline "$base" --format json -o "$out/$name-$i.json" \
      2>/dev/null
    scale "$out/$name-$i.json" "$out/$name-$i-slower10.json" 1.10
    scale "$out/$name-$i.json" "$out/$name-$i-slower25.json" 1.25
    "$root/lanes" compare "$out/$name-$i-baseline.json" "$out/$name-$i.json" > "$out/$name-$i-aa.txt" 2>/dev/null \
      || alarms=$((alarms + 1))
    "$root/lanes" compare "$out/$name-$i-baseline.json" "$out/$name-$i-slower10.json" > "$out/$name-$i-10.txt" 2>/dev/null \
      || caught10=$((caught10 + 1))
    "$root/lanes" compare "$out/$name-$i-baseline.json" "$out/$name-$i-slower25.json" > "$out/$name-$i-25.txt" 2>/dev/null \
      || caught25=$((caught25 + 1))
  done
  echo "$name: false alarms (A/A runs with any REGRESSED): $alarms of $rounds (goal <= 1)"
  echo "$name: 10% slower caught: $caught10 of $rounds (goal >= 18); 25% slower caught: $caught25 of $rounds (goal 20)"
  grep -h "^variation" "$out/$name-$rounds-aa.txt" | sed "s/^/$name, last round: /"
done
echo "bench/gate.sh: every comparison is in $out"
