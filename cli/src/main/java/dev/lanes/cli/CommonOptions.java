package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Accelerators;
import picocli.CommandLine.Option;

/** Flags every command takes. They take effect before the accelerators are loaded. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = "--vector-bits", paramLabel = "0|128|256|512",
        description = "Cap the SIMD width (0 turns SIMD off). Default: the CPU's preferred width.")
    Integer vectorBits;

    @Option(names = "--gpu", paramLabel = "off|auto|require", defaultValue = "auto",
        description = "off: never probe CUDA; auto: use it where usable; require: fail (exit 3) where it is not. Default: ${DEFAULT-VALUE}.")
    String gpu;

    /** Applies the flags (as the system properties the backends read) and loads the accelerators. */
    Accelerators accelerators() {
        if (vectorBits != null) {
            if (vectorBits != 0 && vectorBits != 128 && vectorBits != 256 && vectorBits != 512) {
                throw new UsageException("--vector-bits: expected 0, 128, 256 or 512, got " + vectorBits);
            }
            System.setProperty("lanes.vector.bits", vectorBits.toString());
        }
        String mode = gpu.strip().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("off") && !mode.equals("auto") && !mode.equals("require")) {
            throw new UsageException("--gpu: expected off, auto or require, got '" + gpu + "'");
        }
        System.setProperty("lanes.gpu", mode);
        Accelerators accelerators = Accelerators.load();
        if (mode.equals("require")) {
            var gpuAvailability = accelerators.availability(dev.lanes.core.exec.Backend.GPU);
            if (!gpuAvailability.usable()) {
                throw new dev.lanes.core.ExecutionException("--gpu require: the GPU is not usable here: " + gpuAvailability.detail());
            }
        }
        return accelerators;
    }
}
