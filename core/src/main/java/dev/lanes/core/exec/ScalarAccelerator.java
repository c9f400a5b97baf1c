package dev.lanes.core.exec;

import java.util.Optional;

/** The scalar backend: always usable, implements every ops interface core declares. */
public final class ScalarAccelerator implements Accelerator {
    private static final ArrayOps ARRAY_OPS = new ScalarArrayOps();
    private static final PeakOps PEAK_OPS = new ScalarPeakOps();
    private static final TrainingOps GEMM_OPS = new ScalarGemmOps();
    private static final RandomOps RANDOM_OPS = new ScalarRandomOps();
    private static final StencilOps STENCIL_OPS = new ScalarStencilOps();
    private static final HistogramOps HISTOGRAM_OPS = new ScalarHistogramOps();
    private static final ScanOps SCAN_OPS = new ScalarScanOps();
    private static final SortOps SORT_OPS = new ScalarSortOps();
    private static final HashOps HASH_OPS = new ScalarHashOps();

    @Override
    public Backend backend() {
        return Backend.SCALAR;
    }

    @Override
    public Availability availability() {
        return Availability.usable("plain Java loops");
    }

    @Override
    public <O> Optional<O> ops(Class<O> opsType) {
        if (opsType == ArrayOps.class) {
            return Optional.of(opsType.cast(ARRAY_OPS));
        }
        if (opsType == PeakOps.class) {
            return Optional.of(opsType.cast(PEAK_OPS));
        }
        if (opsType == GemmOps.class || opsType == TrainingOps.class) {
            return Optional.of(opsType.cast(GEMM_OPS));
        }
        if (opsType == RandomOps.class) {
            return Optional.of(opsType.cast(RANDOM_OPS));
        }
        if (opsType == StencilOps.class) {
            return Optional.of(opsType.cast(STENCIL_OPS));
        }
        if (opsType == HistogramOps.class) {
            return Optional.of(opsType.cast(HISTOGRAM_OPS));
        }
        if (opsType == ScanOps.class) {
            return Optional.of(opsType.cast(SCAN_OPS));
        }
        if (opsType == SortOps.class) {
            return Optional.of(opsType.cast(SORT_OPS));
        }
        if (opsType == HashOps.class) {
            return Optional.of(opsType.cast(HASH_OPS));
        }
        return Optional.empty();
    }
}
