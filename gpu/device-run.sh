#!/usr/bin/env bash
# The lent GPU machines have CUDA and a driver but no Java. This script carries lanes there:
#
#   gpu/device-run.sh build        (here) the jar and a jlink runtime of JDK 25 into .device/,
#                                  an ignored folder small enough to carry (under 64 MiB)
#   gpu/device-run.sh lanes ARGS   (there, or here) lanes on that runtime and jar, e.g.
#                                  `info`, `run samples/sum-of-squares.yaml --backend gpu`
#
# With the device tool: build here, then run with carry [".device"], e.g.
#   command: gpu/device-run.sh lanes info
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dev="$root/.device"
limit_mib=60

find_jdk25() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [ -n "$c" ] && [ -x "$c/bin/jlink" ] && "$c/bin/java" -version 2>&1 | grep -q '"25' && { echo "$c"; return 0; }
  done
  return 1
}

case "${1:-}" in
  build)
    jdk="$(find_jdk25)" || { echo "device-run: needs a JDK 25 with jlink (set JAVA_HOME)" >&2; exit 2; }
    (cd "$root" && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
      ./mvnw -q -B -DskipTests -pl cli -am package)
    rm -rf "$dev.tmp"
    mkdir -p "$dev.tmp"
    # the modules jdeps finds in the jar, less java.desktop (Jackson's optional java.beans
    # support, 15 MB that lanes does not use)
    modules="$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$root/cli/target/lanes.jar" \
      | tr ',' '\n' | grep -vx 'java.desktop' | paste -sd, -)"
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress zip-9 \
      --output "$dev.tmp/runtime" 2>/dev/null
    cp "$root/cli/target/lanes.jar" "$dev.tmp/lanes.jar"
    size_mib=$(( $(du -sk "$dev.tmp" | cut -f1) / 1024 ))
    if [ "$size_mib" -gt "$limit_mib" ]; then
      echo "device-run: .device would be $size_mib MiB, over the $limit_mib MiB budget for the carry" >&2
      exit 1
    fi
    rm -rf "$dev"
    mv "$dev.tmp" "$dev"
    echo "device-run: $dev ($size_mib MiB: modules $modules)"
    ;;
  lanes)
    shift
    [ -x "$dev/runtime/bin/java" ] || { echo "device-run: no $dev/runtime; run 'gpu/device-run.sh build' first" >&2; exit 2; }
    JAVA_HOME="$dev/runtime" LANES_JAR="$dev/lanes.jar" exec "$root/lanes" "$@"
    ;;
  *)
    echo "usage: gpu/device-run.sh build | lanes ARGS..." >&2
    exit 2
    ;;
esac
