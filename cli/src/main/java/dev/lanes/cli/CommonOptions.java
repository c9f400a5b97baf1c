package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.ExecutionException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendOptions;
import dev.lanes.vector.SimdAccelerator;
import picocli.CommandLine.Option;

/** Flags every command takes. They take effect before the accelerators are loaded. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = "--vector-bits", paramLabel = "0|128|256|512",
        description = "Cap the SIMD width (0 turns SIMD off). Default: the CPU's preferred width.")
    Integer vectorBits;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Where calibrations are kept. Default: $XDG_CACHE_HOME/lanes, else ~/.cache/lanes.")
    java.nio.file.Path cacheDir;

    @Option(names = "--gpu", paramLabel = "off|auto|require", defaultValue = "auto",
        description = "off: never probe CUDA; auto: use it where usable; require: fail (exit 3) where it is not. Default: ${DEFAULT-VALUE}.")
    String gpu;

    /**
     * Loads the accelerators with these flags. A width cap of 128–512 bits becomes the
     * system property the SIMD species are fixed from at first use: it is per JVM.
     */
    Accelerators accelerators() {
        if (vectorBits != null) {
            if (vectorBits != 0 && vectorBits != 128 && vectorBits != 256 && vectorBits != 512) {
                throw new UsageException("--vector-bits: expected 0, 128, 256 or 512, got " + vectorBits);
            }
            if (vectorBits != 0) {
                System.setProperty(SimdAccelerator.MAX_BITS_PROPERTY, vectorBits.toString());
            }
        }
        String mode = gpu.strip().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("off") && !mode.equals("auto") && !mode.equals("require")) {
            throw new UsageException("--gpu: expected off, auto or require, got '" + gpu + "'");
        }
        Accelerators accelerators = Accelerators.load(new BackendOptions(vectorBits != null && vectorBits == 0, mode.equals("off")));
        if (mode.equals("require")) {
            Availability gpuAvailability = accelerators.availability(Backend.GPU);
            if (!gpuAvailability.usable()) {
                throw new ExecutionException("--gpu require: the GPU is not usable here: " + gpuAvailability.detail());
            }
        }
        return accelerators;
    }

    /** The flags of these that change what runs, for the result's record. */
    java.util.List<String> flags() {
        java.util.List<String> flags = new java.util.ArrayList<>();
        if (vectorBits != null) {
            flags.add("--vector-bits " + vectorBits);
        }
        if (!gpu.strip().equalsIgnoreCase("auto")) {
            flags.add("--gpu " + gpu.strip());
        }
        return flags;
    }
}
