package dev.lanes.core.kernels;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.ScanOps;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * Inclusive scan out[i] = x[0] + … + x[i] of an f32 or f64 array, as a two-pass block scan
 * (reduce, then scan): pass 1 sums every block in parallel; the block offsets are the
 * running sums of those totals (one short sequential loop, in f64); pass 2 scans every
 * block in parallel from its offset. One add per element (N FLOP); memory: x read twice,
 * out written once.
 */
public final class PrefixSumKernel implements Kernel {
    /** Elements per block: a block's running sum accumulates at most this many roundings. */
    static final int BLOCK = 1 << 14;

    @Override
    public String name() {
        return "prefix-sum";
    }

    @Override
    public String summary() {
        return "inclusive scan (running sum) of an f32/f64 array, two-pass block scan";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public List<String> inputs() {
        return List.of("x");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape x = Inputs.array(inputs, 0, "x");
        return new StageShape(x, new Work(x.length(), x.length(), 3 * x.bytes()).writing(x.bytes()), x.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value x = inputs.get(0);
        ScanTask task = new ScanTask(x);
        // the running sums are recomputed per check rather than kept: they are as large as x
        return StageInstance.of(task, actual -> check(x, actual));
    }

    /**
     * Every element against a compensated f64 running sum: |got − exact| / Σ_{j≤i} |x_j| at most
     * (BLOCK + blocks + 2)·u of the element type, the worst case of a block's running sum
     * plus its offset's (each a chain of additions, Higham's γ_n).
     */
    static Check check(Value x, Value actual) {
        int n = (int) x.length();
        CompensatedSum exact = new CompensatedSum();
        double magnitude = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double v = x instanceof F64Array a ? a.data()[i] : ((F32Array) x).data()[i];
            exact.add(v);
            magnitude += Math.abs(v);
            double got = actual instanceof F64Array a ? a.data()[i] : ((F32Array) actual).data()[i];
            double error = Math.abs(got - exact.value()) / (magnitude == 0 ? 1 : magnitude);
            worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : Math.max(worst, error);
        }
        long blocks = Math.ceilDiv(n, BLOCK);
        double bound = (BLOCK + blocks + 2) * x.type().unitRoundoff();
        return Check.of("every running sum vs compensated f64, max |error| / Σ|x|", worst, bound);
    }

    /** Pass 1: block totals, then the offsets of every block. */
    private static final class SumsTask extends WriteTask<ScanOps> {
        private final double[] f64;
        private final float[] f32;
        private final double[] totals;
        final double[] offsets;

        SumsTask(double[] f64, float[] f32, int length) {
            super(ScanOps.class, length, BLOCK);
            this.f64 = f64;
            this.f32 = f32;
            this.totals = new double[Math.ceilDiv(length, BLOCK)];
            this.offsets = new double[totals.length];
        }

        @Override
        public Void block(ScanOps ops, int from, int to) {
            totals[from / BLOCK] = f64 != null ? ops.sum(f64, from, to) : ops.sum(f32, from, to);
            return null;
        }

        /** Runs once all totals are in: the exclusive running sum of the totals. */
        @Override
        public Value result(Void total) {
            double s = 0;
            for (int b = 0; b < totals.length; b++) {
                offsets[b] = s;
                s += totals[b];
            }
            return new Scalar(s);
        }
    }

    /** Pass 2: every block's running sum from its offset, into an output allocated once. */
    private static final class ScanTask extends WriteTask<ScanOps> {
        private final double[] f64;
        private final float[] f32;
        private final double[] out64;
        private final float[] out32;
        private final SumsTask sums;

        ScanTask(Value x) {
            super(ScanOps.class, (int) x.length(), BLOCK);
            this.f64 = x instanceof F64Array a ? a.data() : null;
            this.f32 = x instanceof F32Array a ? a.data() : null;
            int n = (int) x.length();
            this.out64 = f64 != null ? new double[n] : null;
            this.out32 = f32 != null ? new float[n] : null;
            this.sums = new SumsTask(f64, f32, n);
        }

        @Override
        public Void block(ScanOps ops, int from, int to) {
            double offset = sums.offsets[from / BLOCK];
            if (f64 != null) {
                ops.scan(f64, from, to, offset, out64);
            } else {
                ops.scan(f32, from, to, (float) offset, out32);
            }
            return null;
        }

        @Override
        public BlockTask<ScanOps, ?> prerequisite() {
            return sums;
        }

        @Override
        public Value result(Void total) {
            return f64 != null ? new F64Array(out64) : new F32Array(out32);
        }
    }
}
