package dev.lanes.core.kernels;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.GemmOps;

/**
 * Packs a k × n matrix B into the running implementation's {@link GemmLayout}, one panel
 * of {@value GemmLayout#KC} rows per block, so threads pack in parallel. Runs as the
 * prerequisite of a product, timed with it (a BLAS {@code gemm} packs inside the call too).
 */
final class PackTask implements BlockTask<GemmOps, Void> {
    private final Matrix b;
    private final Matrix packed;

    /** @param packed a buffer of at least {@link GemmLayout#maxPackedLength} elements */
    PackTask(Matrix b, Matrix packed) {
        this.b = b;
        this.packed = packed;
    }

    @Override
    public Class<GemmOps> opsType() {
        return GemmOps.class;
    }

    @Override
    public int length() {
        return b.rows();
    }

    @Override
    public int blockSize() {
        return GemmLayout.KC;
    }

    @Override
    public Void identity() {
        return null;
    }

    @Override
    public Void block(GemmOps ops, int from, int to) {
        GemmLayout layout = ops.layout(b.type(), b.cols());
        if (readsUnpacked(layout, b.cols())) {
            return null;
        }
        if (b.f32() != null) {
            layout.pack(b.f32(), b.rows(), b.cols(), from, to, packed.f32());
        } else {
            layout.pack(b.f64(), b.rows(), b.cols(), from, to, packed.f64());
        }
        return null;
    }

    /**
     * A layout of one strip exactly n wide is B itself (no padding): nothing to pack, the
     * product reads B. A wider strip pads every row, so it is not.
     */
    static boolean readsUnpacked(GemmLayout layout, int n) {
        return layout.nr() == n;
    }

    @Override
    public Void combine(Void left, Void right) {
        return null;
    }

    @Override
    public Value result(Void total) {
        return null;
    }
}
