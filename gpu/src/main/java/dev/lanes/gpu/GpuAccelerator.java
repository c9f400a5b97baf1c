package dev.lanes.gpu;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.exec.StencilOps;
import dev.lanes.core.exec.TrainingOps;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CUDA backend, found by ServiceLoader: when the probe finds a usable device, the GPU
 * implementations of the array, dense, training, stencil, histogram and Monte Carlo kernels, all
 * sharing one {@link GpuDevice}; otherwise nothing, and the reason.
 */
public final class GpuAccelerator implements Accelerator {
    private static final Map<Class<?>, Function<GpuDevice, Object>> OPS = Map.of(
        ArrayOps.class, d -> new GpuArrayOps(d),
        GemmOps.class, d -> new GpuGemmOps(d),
        TrainingOps.class, d -> new GpuTrainingOps(d),
        StencilOps.class, d -> new GpuStencilOps(d),
        HistogramOps.class, d -> new GpuHistogramOps(d),
        RandomOps.class, d -> new GpuRandomOps(d));

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
        Function<GpuDevice, Object> factory = OPS.get(opsType);
        if (factory == null || !availability().usable()) {
            return Optional.empty();
        }
        return Optional.of(opsType.cast(factory.apply(Shared.DEVICE)));
    }

    @Override
    public Optional<DeviceSession> device() {
        return availability().usable() ? Optional.of(Shared.DEVICE) : Optional.empty();
    }

    /** The probe runs once per JVM, on first use (class initialisation is the lazy, thread-safe cache). */
    private static final class ProbeResult {
        static final Availability AVAILABILITY = CudaProbe.probe();
    }

    /** One device per JVM, made only where the probe found one; its context opens on first use. */
    private static final class Shared {
        static final GpuDevice DEVICE = new GpuDevice();
    }
}
