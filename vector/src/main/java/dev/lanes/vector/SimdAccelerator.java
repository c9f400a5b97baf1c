package dev.lanes.vector;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.PeakOps;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.exec.ScanOps;
import dev.lanes.core.exec.StencilOps;
import dev.lanes.core.exec.TrainingOps;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The SIMD backend, found by ServiceLoader. This class names no {@code jdk.incubator.vector}
 * type, so it loads on any JVM; it touches the classes that do only after checking that the
 * Vector API can be fast here (Lucene's VectorizationProvider makes the same checks):
 * the incubator module is in the boot layer, C2 compiles (not an interpreter-only or
 * client VM, not JVMCI), and the preferred vector shape is at least 128 bits.
 * {@code -Dlanes.vector.bits=128|256|512} caps the width; the species are constants fixed
 * at first use, so the cap holds for the life of the JVM.
 */
public final class SimdAccelerator implements Accelerator {
    /** The system property {@code --vector-bits} sets. */
    public static final String MAX_BITS_PROPERTY = "lanes.vector.bits";

    /**
     * How each ops interface is made, on first use, so the species load only once SIMD is
     * known usable (lambdas, not method references, which would resolve the classes here).
     */
    private static final Map<Class<?>, Supplier<?>> FACTORIES = Map.of(
        ArrayOps.class, () -> new SimdArrayOps(SimdShape.selected()),
        GemmOps.class, () -> new SimdGemmOps(),
        TrainingOps.class, () -> new SimdGemmOps(),
        RandomOps.class, () -> new SimdRandomOps(),
        StencilOps.class, () -> new SimdStencilOps(),
        HistogramOps.class, () -> new SimdHistogramOps(),
        ScanOps.class, () -> new SimdScanOps(),
        PeakOps.class, () -> new SimdPeakOps());

    private final Availability availability = probe();
    private final Map<Class<?>, Object> made = new ConcurrentHashMap<>();

    @Override
    public Backend backend() {
        return Backend.SIMD;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public <O> Optional<O> ops(Class<O> opsType) {
        Supplier<?> factory = FACTORIES.get(opsType);
        if (!availability.usable() || factory == null) {
            return Optional.empty();
        }
        return Optional.of(opsType.cast(made.computeIfAbsent(opsType, t -> factory.get())));
    }

    private static Availability probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Availability.unavailable("jdk.incubator.vector is not in the boot layer (start java with --add-modules jdk.incubator.vector)");
        }
        String vmInfo = System.getProperty("java.vm.info", "").toLowerCase(Locale.ROOT);
        if (vmInfo.contains("interpreted") || vmInfo.contains("emulated-client")) {
            return Availability.unavailable("C2 is off (java.vm.info: " + System.getProperty("java.vm.info") + "): the Vector API would run interpreted");
        }
        if (Boolean.getBoolean("jdk.internal.vm.ci.enabled")
            || ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.contains("UseJVMCICompiler"))) {
            return Availability.unavailable("JVMCI is the compiler: it does not intrinsify the Vector API");
        }
        int capBits = Integer.getInteger(MAX_BITS_PROPERTY, Integer.MAX_VALUE);
        try {
            return SimdShape.describe(capBits);
        } catch (LinkageError e) {
            return Availability.unavailable("the Vector API failed to load: " + e);
        }
    }
}
