#!/usr/bin/env bash
# The lent GPU machines have CUDA and a driver but no Java. This script carries lanes there:
#
#   gpu/device-run.sh build        (here) the jar, a jlink runtime of JDK 25 and the GPU tests
#                                  into .device/, an ignored folder small enough to carry (< 64 MiB)
#   gpu/device-run.sh test         (there) the GPU tests (GpuKernelsTest, GpuRunTest) on that
#                                  runtime; a missing GPU fails them instead of skipping them
#   gpu/device-run.sh bench        (there) bench/gpu.sh: the GPU speed goals, into $OUT
#   gpu/device-run.sh all          (there) test, then bench; the test report also in $OUT/tests.txt
#   gpu/device-run.sh lanes ARGS   (there, or here) lanes on that runtime and jar, e.g.
#                                  `info`, `run samples/sum-of-squares.yaml --backend gpu`
#
# With the device tool: build here, then run with carry [".device"], e.g.
#   command: gpu/device-run.sh all
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
    rm -rf "$dev.tmp"
    mkdir -p "$dev.tmp/tests"
    (cd "$root" && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
      ./mvnw -q -B -DskipTests -pl cli -am package \
      && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ./mvnw -q -B \
        dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.13.4 \
        -DoutputDirectory="$dev.tmp/tests" \
      && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ./mvnw -q -B \
        dependency:copy -Dartifact=org.assertj:assertj-core:3.27.7 -DoutputDirectory="$dev.tmp/tests")
    "$jdk/bin/jar" --create --file "$dev.tmp/tests/lanes-gpu-tests.jar" -C "$root/gpu/target/test-classes" .
    # the modules jdeps finds in the jar, less java.desktop (Jackson's optional java.beans
    # support, 15 MB that lanes does not use)
    modules="$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$root/cli/target/lanes.jar" \
      | tr ',' '\n' | grep -vx 'java.desktop' | paste -sd, -)"
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress zip-9 \
      --output "$dev.tmp/runtime" 2>/dev/null
    # the JVM's own symbols are 5 MB of the carry's 64 MiB, and no one debugs the JVM there
    if command -v strip >/dev/null; then
      strip "$dev.tmp/runtime/lib/server/libjvm.so"
    fi
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
  test)
    [ -x "$dev/runtime/bin/java" ] || { echo "device-run: no $dev/runtime; run 'gpu/device-run.sh build' first" >&2; exit 2; }
    LANES_REQUIRE_GPU=1 "$dev/runtime/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -jar "$dev"/tests/junit-platform-console-standalone-*.jar execute --disable-banner --details=tree \
      --class-path "$dev/lanes.jar:$dev/tests/lanes-gpu-tests.jar:$(ls "$dev"/tests/assertj-core-*.jar)" \
      --select-class dev.lanes.gpu.GpuKernelsTest --select-class dev.lanes.gpu.GpuRunTest --fail-if-no-tests
    ;;
  all)
    mkdir -p "${OUT:-$root/bench/out/gpu}"
    set +e
    "$0" test 2>&1 | tee "${OUT:-$root/bench/out/gpu}/tests.txt"
    tests=${PIPESTATUS[0]}
    set -e
    "$0" bench
    exit "$tests"
    ;;
  bench)
    [ -x "$dev/runtime/bin/java" ] || { echo "device-run: no $dev/runtime; run 'gpu/device-run.sh build' first" >&2; exit 2; }
    JAVA_HOME="$dev/runtime" LANES_JAR="$dev/lanes.jar" exec "$root/bench/gpu.sh"
    ;;
  lanes)
    shift
    [ -x "$dev/runtime/bin/java" ] || { echo "device-run: no $dev/runtime; run 'gpu/device-run.sh build' first" >&2; exit 2; }
    JAVA_HOME="$dev/runtime" LANES_JAR="$dev/lanes.jar" exec "$root/lanes" "$@"
    ;;
  *)
    echo "usage: gpu/device-run.sh build | test | bench | all | lanes ARGS..." >&2
    exit 2
    ;;
esac
