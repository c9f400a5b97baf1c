#!/usr/bin/env bash
# Where the time of starting `true` goes (docs/performance.md, "kernel: exec against hyperfine"):
# 1. NativeSpawn alone (posix_spawnp + wait4, no sampler), three rounds of 300;
# 2. lanes' exec kernel over 2000 samples, the median of each 250 (the JIT compiling lanes' own path);
# 3. the same through ProcessBuilder (-Dlanes.exec.processBuilder=true), 300 samples;
# 4. hyperfine -N, 300 runs, for reference.
# Usage: bench/spawn-true.sh      Needs: a built tree (./mvnw install -DskipTests), hyperfine, python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
"$root/lanes" --version >/dev/null 2>&1
"$(dirname "$java")/javac" -d "$work/classes" -cp "$root/core/target/classes" "$root/bench/spawn/NativeSpawnOnly.java"
"$java" --enable-native-access=ALL-UNNAMED -cp "$root/core/target/classes:$work/classes" dev.lanes.core.kernels.NativeSpawnOnly
cat > "$work/true.yaml" <<'YAML'
settings: { iterations: 2000 }
stages:
  - { id: "true", kernel: exec, params: { command: ["true"], warmup: 0 } }
YAML
"$root/lanes" run "$work/true.yaml" --quiet --format json 2>/dev/null | python3 -c "
import json, statistics, sys
s = json.load(sys.stdin)['points'][0]['samplesNanos']
print('lanes exec true, median of each 250 samples (ms):', ' '.join(f'{statistics.median(s[i:i + 250]) / 1e6:.3f}' for i in range(0, len(s), 250)))"
sed -i 's/iterations: 2000/iterations: 300/; s/warmup: 0/warmup: 300/' "$work/true.yaml"
LANES_JAVA_OPTS=-Dlanes.exec.processBuilder=true "$root/lanes" run "$work/true.yaml" --quiet --format json 2>/dev/null \
  | python3 -c "
import json, sys
p = json.load(sys.stdin)['points'][0]
print(f\"lanes exec true through ProcessBuilder: median {p['summary']['medianNanos'] / 1e6:.3f} ms\")"
hyperfine -N -w 300 -r 300 --export-json "$work/h.json" true >/dev/null 2>&1
python3 -c "import json; print(f\"hyperfine -N true: median {json.load(open('$work/h.json'))['results'][0]['median'] * 1e3:.3f} ms\")"
