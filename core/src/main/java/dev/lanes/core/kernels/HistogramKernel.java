package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * Counts of N values in B equal bins over [low, high] (numpy's {@code histogram} rule: the
 * last bin is closed, values outside and NaN are not counted), as i64. Every block counts
 * into its own private histogram, and the partials are summed: exact, whatever the thread
 * count. Per value: a compare, a subtract and a multiply (2 FLOP), and the value read once.
 */
public final class HistogramKernel implements Kernel {
    public static final int MAX_BINS = 1 << 24;
    private static final int MIN_BLOCK = 1 << 20;

    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public String summary() {
        return "counts of N f32/f64 values in B equal bins over [low, high] (exact, i64 counts)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("bins", new ParamType.Size(1, MAX_BINS), "number of equal-width bins"),
            ParamSpec.optional("low", new ParamType.Real(), 0.0, "left edge of the first bin"),
            ParamSpec.optional("high", new ParamType.Real(), 1.0, "right edge of the last bin (closed)"));
    }

    @Override
    public List<String> inputs() {
        return List.of("x");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape x = Inputs.array(inputs, 0, "x");
        double low = params.real("low");
        double high = params.real("high");
        if (!(high > low)) {
            throw new InvalidStageException("high", "high = " + high + " must be greater than low = " + low);
        }
        if (Double.isInfinite(HistogramOps.scale((int) params.size("bins"), low, high)) || Double.isInfinite(high - low)) {
            throw new InvalidStageException("high", "the range [" + low + ", " + high + "] is too narrow or too wide for f64 bins");
        }
        DataShape out = DataShape.array(ElementType.I64, params.size("bins"));
        return new StageShape(out, new Work(x.length(), 2.0 * x.length(), x.bytes() + out.bytes(), Work.HISTOGRAM_VALUE,
            x.length()), out.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value x = inputs.get(0);
        int bins = (int) params.size("bins");
        double low = params.real("low");
        double high = params.real("high");
        CountTask task = new CountTask(x, bins, low, high);
        Memo<long[]> expected = new Memo<>(() -> reference(x, bins, low, high));
        return StageInstance.of(task, actual -> Check.of("every bin recounted by the scalar reference, bins that differ",
            Exact.differing(expected.get(), ((I64Array) actual).data(), 1), 0));
    }

    /** The scalar reference: the counts of every value, one at a time. */
    public static long[] reference(Value x, int bins, double low, double high) {
        HistogramOps ops = new ScalarAccelerator().ops(HistogramOps.class).orElseThrow();
        long[] counts = new long[bins];
        switch (x) {
            case F64Array a -> ops.count(a.data(), 0, a.data().length, low, high, counts);
            case F32Array a -> ops.count(a.data(), 0, a.data().length, low, high, counts);
            default -> throw new IllegalArgumentException("histogram takes f32 or f64, got " + x.describe());
        }
        return counts;
    }

    /** Each block counts into a fresh histogram; partials are summed into the left one. */
    private static final class CountTask implements BlockTask<HistogramOps, long[]> {
        private final double[] f64;
        private final float[] f32;
        private final int length;
        private final int bins;
        private final double low;
        private final double high;

        CountTask(Value x, int bins, double low, double high) {
            this.f64 = x instanceof F64Array a ? a.data() : null;
            this.f32 = x instanceof F32Array a ? a.data() : null;
            this.length = (int) x.length();
            this.bins = bins;
            this.low = low;
            this.high = high;
        }

        @Override
        public Class<HistogramOps> opsType() {
            return HistogramOps.class;
        }

        @Override
        public int length() {
            return length;
        }

        /** At least 16 values per bin in a block, so merging partials stays a small share of the work. */
        @Override
        public int blockSize() {
            return (int) Math.min(1L << 30, Math.max(MIN_BLOCK, 16L * bins));
        }

        @Override
        public long[] identity() {
            return new long[bins];
        }

        /** A block counts its own values. */
        @Override
        public Written reads(int from, int to) {
            return new Written(from, to);
        }

        @Override
        public long[] block(HistogramOps ops, int from, int to) {
            long[] counts = new long[bins];
            if (f64 != null) {
                ops.count(f64, from, to, low, high, counts);
            } else {
                ops.count(f32, from, to, low, high, counts);
            }
            return counts;
        }

        @Override
        public long[] combine(long[] left, long[] right) {
            for (int b = 0; b < bins; b++) {
                left[b] += right[b];
            }
            return left;
        }

        @Override
        public Value result(long[] total) {
            return new I64Array(total);
        }
    }
}
