package dev.lanes.gpu;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;

import java.util.Locale;
import java.util.Optional;

/**
 * The CUDA backend, found by ServiceLoader. For now it only says whether CUDA is usable
 * here; kernels come with the GPU issue. {@code -Dlanes.gpu=off} (the CLI's
 * {@code --gpu off}) skips the probe entirely.
 */
public final class GpuAccelerator implements Accelerator {
    /** The system property {@code --gpu} sets: off, auto or require. */
    public static final String MODE_PROPERTY = "lanes.gpu";

    @Override
    public Backend backend() {
        return Backend.GPU;
    }

    @Override
    public Availability availability() {
        if ("off".equals(System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT))) {
            return Availability.unavailable("disabled by --gpu off");
        }
        return ProbeResult.AVAILABILITY;
    }

    @Override
    public <O> Optional<O> ops(Class<O> opsType) {
        return Optional.empty();
    }

    /** The probe runs once per JVM, on first use (class initialisation is the lazy, thread-safe cache). */
    private static final class ProbeResult {
        static final Availability AVAILABILITY = CudaProbe.probe();
    }
}
