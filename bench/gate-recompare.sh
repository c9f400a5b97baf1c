#!/usr/bin/env bash
# Judges again, with this build's gate, the runs a bench/gate.sh round left in bench/out/gate
# (each round's baseline, run and slowed copies are kept), without measuring anything again.
# Usage: bench/gate-recompare.sh [ROUNDS]   (default 20)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-20}"
out="$root/bench/out/gate"
for name in sum-of-squares matmul; do
  alarms=0; caught10=0; caught25=0
  for ((i = 1; i <= rounds; i++)); do
    b="$out/$name-$i-baseline.json"
    "$root/lanes" compare "$b" "$out/$name-$i.json" > "$out/$name-$i-aa.txt" 2>/dev/null || alarms=$((alarms + 1))
    "$root/lanes" compare "$b" "$out/$name-$i-slower10.json" > "$out/$name-$i-10.txt" 2>/dev/null || caught10=$((caught10 + 1))
    "$root/lanes" compare "$b" "$out/$name-$i-slower25.json" > "$out/$name-$i-25.txt" 2>/dev/null || caught25=$((caught25 + 1))
  done
  echo "$name: false alarms (A/A runs with any REGRESSED): $alarms of $rounds (goal <= 1)"
  echo "$name: 10% slower caught: $caught10 of $rounds (goal >= 18); 25% slower caught: $caught25 of $rounds (goal 20)"
done
