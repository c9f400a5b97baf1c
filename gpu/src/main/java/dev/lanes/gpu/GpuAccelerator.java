package dev.lanes.gpu;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;

import java.util.Optional;

/**
 * The CUDA backend, found by ServiceLoader. For now it only says whether CUDA is usable
 * here; kernels come with the GPU issue.
 */
public final class GpuAccelerator implements Accelerator {

    @Override
    public Backend backend() {
        return Backend.GPU;
    }

    @Override
    public Availability availability() {
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
