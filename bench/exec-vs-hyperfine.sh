#!/usr/bin/env bash
# kernel: exec against hyperfine on the same commands, both starting them directly (hyperfine -N,
# lanes' argument list) with output discarded: `sleep 0.05`, `true` and `gzip -6 -c` of a
# 64 MiB text file, the same warm-up and run counts, ROUNDS interleaved rounds (default 3).
# Prints each tool's median per round and the median over rounds, the ratio lanes ÷ hyperfine,
# whether it is within 5% (the goal of issue 17), and what starting `true` costs the JVM.
# Usage: bench/exec-vs-hyperfine.sh [ROUNDS]     Needs: hyperfine (Debian package), gzip, python3.
# EXEC_CASES="true sleep" runs only the cases whose names start with those words.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
"$root/lanes" --version >/dev/null 2>&1
seq 1 9000000 > "$work/big.txt"; truncate -s 64M "$work/big.txt"
echo "hyperfine: $(hyperfine --version); gzip: $(gzip --version | head -1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"

# name | words (JSON list) | warm-up | runs
cases=(
  "sleep 0.05|[\"sleep\", \"0.05\"]|3|30"
  "true|[\"true\"]|300|300"
  "gzip -6 64 MiB|[\"gzip\", \"-6\", \"-c\", \"$work/big.txt\"]|1|10"
)
: > "$work/results.txt"
for round in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    IFS='|' read -r name words warm runs <<< "$c"
    if [ -n "${EXEC_CASES:-}" ] && ! [[ " $EXEC_CASES " == *" ${name%% *} "* ]]; then continue; fi
    cmd="$(python3 -c "import json,shlex,sys; print(' '.join(shlex.quote(w) for w in json.loads(sys.argv[1])))" "$words")"
    cat > "$work/spec.yaml" <<YAML
settings: { iterations: $runs }
stages:
  - { id: cmd, kernel: exec, params: { command: $words, warmup: $warm } }
YAML
    # odd rounds hyperfine first, even rounds lanes first: neither always inherits the other's CPU state
    if [ $((round % 2)) -eq 0 ]; then "$root/lanes" run "$work/spec.yaml" --quiet --format json > "$work/l.json" 2>/dev/null; fi
    hyperfine -N -w "$warm" -r "$runs" --export-json "$work/h.json" "$cmd" >/dev/null 2>&1
    h="$(python3 -c "import json; print(json.load(open('$work/h.json'))['results'][0]['median'] * 1e9)")"
    if [ $((round % 2)) -eq 1 ]; then "$root/lanes" run "$work/spec.yaml" --quiet --format json > "$work/l.json" 2>/dev/null; fi
    read -r l overhead < <(python3 -c "
import json, re
p = json.load(open('$work/l.json'))['points'][0]
m = re.search(r'takes ([0-9.]+) ms', p['output'])
print(p['summary']['medianNanos'], m.group(1) if m else 'nan')")
    echo "$name|$h|$l|$overhead" >> "$work/results.txt"
    printf 'round %d  %-16s hyperfine %10.3f ms   lanes %10.3f ms\n' "$round" "$name" "$(python3 -c "print($h / 1e6)")" \
      "$(python3 -c "print($l / 1e6)")"
  done
done
python3 - "$work/results.txt" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, h, l, o = line.strip().split("|")
    rows.setdefault(name, []).append((float(h), float(l), float(o)))
print(f"{'command':<16} {'hyperfine -N':>14} {'lanes exec':>12} {'ratio':>7}  goal (within 5%)")
for name, rs in rows.items():
    h = statistics.median(r[0] for r in rs)
    l = statistics.median(r[1] for r in rs)
    print(f"{name:<16} {h / 1e6:>11.3f} ms {l / 1e6:>9.3f} ms {l / h:>7.3f}  {'met' if abs(l / h - 1) <= 0.05 else 'MISSED'}")
o = statistics.median(r[2] for rs in rows.values() for r in rs)
print(f"lanes' own measure of starting `true` from the JVM: {o:.2f} ms (median of its reports)")
PY
