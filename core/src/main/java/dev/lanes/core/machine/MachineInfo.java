package dev.lanes.core.machine;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine and JVM a result was measured on.
 *
 * @param cpuModel    from /proc/cpuinfo where there is one, else the architecture
 * @param cores       processors this JVM may use
 * @param jvmInfo     {@code java.vm.info}: says whether C2 is on (e.g. "mixed mode, sharing")
 * @param simd        whether SIMD is usable, its width, or why not
 * @param gpu         whether CUDA is usable, the device, or why not
 */
public record MachineInfo(String cpuModel, int cores, String os, String arch, long maxHeapBytes, String jvmVendor,
                          String jvmVersion, String jvmName, String jvmInfo, Availability simd, Availability gpu) {

    public static MachineInfo detect(Accelerators accelerators) {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
            Runtime.getRuntime().maxMemory(), System.getProperty("java.vendor"), System.getProperty("java.version"),
            System.getProperty("java.vm.name"), System.getProperty("java.vm.info"),
            accelerators.availability(Backend.SIMD), accelerators.availability(Backend.GPU));
    }

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
            } catch (IOException | java.io.UncheckedIOException e) {
                return System.getProperty("os.arch");
            }
        }
        return System.getProperty("os.arch");
    }
}
