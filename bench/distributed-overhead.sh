#!/usr/bin/env bash
# The distributed backend's communication cost between member JVMs on this machine: per
# dispatch (a tiny reduction: each member answers a few bytes) and per MiB (matmul f64: each
# member sends its rows of C back). Members on one host share its cores, so their times are
# no speedup; what is quoted is the communication the report derives (sample − slowest
# member's compute), medians. Usage: bench/distributed-overhead.sh [MEMBERS]  (default 2)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
members="${1:-2}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cluster="bench-$RANDOM$RANDOM"
addresses=()
for i in $(seq 1 "$members"); do
  port=$((15700 + RANDOM % 2000))
  join=()
  [ "${#addresses[@]}" -gt 0 ] && join=(--join "${addresses[0]}")
  "$root/lanes" member --port "$port" --cluster "$cluster" --threads 1 "${join[@]}" 2>"$work/m$i.log" &
  pids+=($!)
  for _ in $(seq 1 200); do grep -q "lanes: member" "$work/m$i.log" 2>/dev/null && break; sleep 0.1; done
  addresses+=("127.0.0.1:$port")
done
cat > "$work/spec.yaml" <<'SPEC'
name: distributed-overhead
settings: { warmup: 20, iterations: 50, threads: [1] }
stages:
  - { id: data, kernel: generate, params: { length: 128Ki, seed: 1 } }
  - { id: tiny, kernel: sum-of-squares, inputs: [data] }
  - { id: rows, kernel: matmul, params: { n: 1024, type: f64, seed: 2 } }
SPEC
list="$(IFS=,; echo "${addresses[*]}")"
"$root/lanes" run "$work/spec.yaml" --backend distributed --members "$list" --cluster "$cluster" --quiet \
  -o "$work/r.json" >/dev/null
cp "$work/r.json" "${LANES_BENCH_KEEP:-/dev/null}" 2>/dev/null || true
python3 - "$work/r.json" "$members" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"CPU: {r['machine']['cpuModel']}, {r['machine']['cores']} cores; {sys.argv[2]} member JVMs on this host, 1 thread each")
for p in r["points"]:
    c = p.get("cluster")
    if not c:
        continue
    back = sum(m["bytesIn"] for m in c["members"])
    out = sum(m["bytesOut"] for m in c["members"])
    comm = c["communicationNanos"]
    line = (f"{p['key']['stage']:5s} median {p['summary']['medianNanos']/1e6:8.3f} ms, communication {comm/1e6:8.3f} ms, "
            f"sent {out} B, received {back/2**20:.3f} MiB")
    if back > 2**20:
        line += f" -> {comm/1e6/(back/2**20):.2f} ms per MiB received"
    print(line)
    print("      round trips (a request that does no work): " + ", ".join(
        f"{m['member']} {m['roundTripNanos']/1e6:.2f} ms" for m in c["members"])
        + f"; the driver joined the cluster in {c['formationNanos']/1e9:.2f} s")
PY
