#!/usr/bin/env bash
# The command kernel against hyperfine on the same commands: `true` (what starting a process
# costs) and `sleep 0.02`, each started directly (hyperfine -N; lanes' shell: auto), medians of
# 40 runs; then lanes' concurrency sweep of 4 copies of `sleep 0.02` over 1, 2 and 4 threads.
# Usage: bench/command.sh          Needs: hyperfine (Debian package), python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/lanes" --version >/dev/null 2>&1
hyperfine -N -w 5 -r 40 --export-json "$work/h.json" 'true' 'sleep 0.02' >/dev/null 2>&1
python3 -c "
import json
for r in json.load(open('$work/h.json'))['results']:
    print(f\"hyperfine -N  {r['command']:<12} median {r['median'] * 1e3:.2f} ms\")"
cat > "$work/one.yaml" <<'YAML'
settings: { warmup: 5, iterations: 40, min-warmup-ms: 0, threads: [1] }
stages:
  - { id: "true", kernel: command, params: { run: "true" } }
  - { id: sleep, kernel: command, params: { run: "sleep 0.02" } }
YAML
cat > "$work/sweep.yaml" <<'YAML'
settings: { warmup: 2, iterations: 10, min-warmup-ms: 0, threads: [1, 2, 4] }
stages:
  - { id: copies, kernel: command, params: { run: "sleep 0.02", copies: 4 }, backend: threads }
YAML
for opts in "" "-Djdk.lang.Process.launchMechanism=VFORK"; do
  LANES_JAVA_OPTS="$opts" "$root/lanes" run "$work/one.yaml" --quiet --format json 2>/dev/null | python3 -c "
import json, sys
for p in json.load(sys.stdin)['points']:
    print(f\"lanes {'(VFORK) ' if sys.argv[1] else '        '}{p['key']['stage']:<12} median {p['summary']['medianNanos'] / 1e6:.2f} ms\")" "$opts"
done
"$root/lanes" run "$work/sweep.yaml" --quiet --format json 2>/dev/null | python3 -c "
import json, sys
for p in json.load(sys.stdin)['points']:
    print(f\"lanes 4 x sleep 0.02 on {p['key']['threads']} thread(s): median {p['summary']['medianNanos'] / 1e6:.1f} ms\")"
