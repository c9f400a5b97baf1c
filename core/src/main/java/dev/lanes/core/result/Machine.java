package dev.lanes.core.result;

/**
 * The machine and JVM a result was measured on.
 *
 * @param cpuModel from /proc/cpuinfo where there is one, else the architecture
 * @param cores    processors the JVM could use
 * @param jvmInfo  {@code java.vm.info}: says whether C2 was on (e.g. "mixed mode, sharing")
 * @param fingerprint a short hash of CPU, cores, SIMD width, JVM and GPU: results to compare must share it
 */
public record Machine(String cpuModel, int cores, String os, String arch, long maxHeapBytes, String jvmVendor,
                      String jvmVersion, String jvmName, String jvmInfo, Capability simd, Capability gpu,
                      String fingerprint) {
}
