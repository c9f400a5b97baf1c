package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.SortOps;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A sorted copy of an f64 or i64 array (the input is left as it is), by parallel merge
 * sort: the array is cut into at most 16 equal chunks (a count fixed by the length, not by
 * the thread count), each chunk sorted on its own (radix sort on order-preserving 64-bit
 * keys), then runs merged pairwise round after round, every round split by output ranks so
 * all threads share every merge. No SIMD: neither step has a Vector API form that beats
 * its scalar one. No FLOP; memory traffic, per key: the digit counts (8 bytes read), up to
 * 8 radix passes and every merge round (8 read + 8 written each), the decode (16).
 */
public final class SortKernel implements Kernel {
    private static final int MAX_CHUNKS = 16;
    /** Output ranks per merge block; chunks are a multiple of it, so no block straddles two merges. */
    private static final int MERGE_BLOCK = 1 << 15;

    @Override
    public String name() {
        return "sort";
    }

    @Override
    public String summary() {
        return "sorted copy of an f64 or i64 array (Arrays.sort order): radix-sorted chunks merged pairwise by all threads";
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
        return Set.of(Backend.SCALAR, Backend.THREADS);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape x = Inputs.anyArray(inputs, 0, "x");
        if (x.type() != ElementType.F64 && x.type() != ElementType.I64) {
            throw new InvalidStageException(null, "input 'x' is " + x.type().label() + "; sort takes f64 or i64");
        }
        // the output and two key buffers of the same size
        return new StageShape(x, new Work(x.length(), 0, bytesMoved(x.length()), Work.SORT_KEY, x.length())
            .writing(bytesMoved(x.length()) / 2), 3 * x.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value x = inputs.get(0);
        DecodeTask task = new DecodeTask(x);
        Memo<Value> expected = new Memo<>(() -> sortedCopy(x));
        return StageInstance.of(task, actual -> check(expected.get(), actual));
    }

    /** The reference: {@code Arrays.sort} of a copy. */
    static Value sortedCopy(Value x) {
        if (x instanceof F64Array in) {
            double[] sorted = in.data().clone();
            Arrays.sort(sorted);
            return new F64Array(sorted);
        }
        long[] sorted = ((I64Array) x).data().clone();
        Arrays.sort(sorted);
        return new I64Array(sorted);
    }

    /** Every element as {@code Arrays.sort} puts it (f64 compared as {@code Double.equals} does: NaN equals NaN). */
    static Check check(Value expected, Value actual) {
        long wrong = 0;
        if (expected instanceof F64Array e) {
            double[] got = ((F64Array) actual).data();
            for (int i = 0; i < got.length; i++) {
                wrong += Double.doubleToLongBits(e.data()[i]) == Double.doubleToLongBits(got[i]) ? 0 : 1;
            }
        } else {
            wrong = Exact.differing(((I64Array) expected).data(), ((I64Array) actual).data(), 1);
        }
        return Check.of("every element vs Arrays.sort of the input, elements that differ", wrong, 0);
    }

    static double bytesMoved(long n) {
        long chunks = Math.ceilDiv(n, chunk((int) n));
        int rounds = 64 - Long.numberOfLeadingZeros(chunks - 1);
        return (8.0 + 8 * 16 + rounds * 16 + 16) * n;
    }

    /** Chunk length: n / 16 rounded up to whole merge blocks. */
    static int chunk(int n) {
        return Math.max(MERGE_BLOCK, Math.ceilDiv(Math.ceilDiv(n, MAX_CHUNKS), MERGE_BLOCK) * MERGE_BLOCK);
    }

    /** A pass over [0, n) with blocks of a fixed size; only the last one yields the stage's value. */
    private abstract static class Pass extends WriteTask<SortOps> {
        final int n;

        Pass(int n, int blockSize) {
            super(SortOps.class, n, blockSize);
            this.n = n;
        }

        @Override
        public Value result(Void total) {
            return null;
        }
    }

    /** Keys of each chunk, sorted: f64 mapped by {@link SortKeys}, i64 as they are. */
    private static final class ChunkSort extends Pass {
        private final double[] f64;
        private final long[] i64;
        private final long[] keys;
        private final long[] scratch;

        ChunkSort(double[] f64, long[] i64, long[] keys, long[] scratch, int chunk) {
            super(keys.length, chunk);
            this.f64 = f64;
            this.i64 = i64;
            this.keys = keys;
            this.scratch = scratch;
        }

        @Override
        public Void block(SortOps ops, int from, int to) {
            if (f64 != null) {
                for (int i = from; i < to; i++) {
                    keys[i] = SortKeys.key(f64[i]);
                }
            } else {
                System.arraycopy(i64, from, keys, from, to - from);
            }
            ops.sort(keys, scratch, from, to);
            return null;
        }
    }

    /** Merges neighbouring runs of {@code width} from src into runs of twice that in dst. */
    private static final class MergeRound extends Pass {
        private final long[] src;
        private final long[] dst;
        private final int width;
        private final Pass before;

        MergeRound(long[] src, long[] dst, int width, Pass before) {
            super(src.length, MERGE_BLOCK);
            this.src = src;
            this.dst = dst;
            this.width = width;
            this.before = before;
        }

        @Override
        public Void block(SortOps ops, int from, int to) {
            int lo = from / (2 * width) * (2 * width);
            int mid = (int) Math.min((long) lo + width, n);
            int hi = (int) Math.min((long) lo + 2L * width, n);
            if (mid >= hi) {
                System.arraycopy(src, from, dst, from, to - from);   // a last run with no partner
            } else {
                ops.merge(src, lo, mid, hi, dst, from, to);
            }
            return null;
        }

        @Override
        public BlockTask<SortOps, ?> prerequisite() {
            return before;
        }
    }

    /** The stage's task: the sorted keys back to values, after the chunk sorts and merge rounds. */
    private static final class DecodeTask extends Pass {
        private final double[] out64;
        private final long[] outI64;
        private final long[] sorted;
        private final Pass before;

        DecodeTask(Value x) {
            super((int) x.length(), MERGE_BLOCK);
            double[] f64 = x instanceof F64Array a ? a.data() : null;
            long[] i64 = x instanceof I64Array a ? a.data() : null;
            long[] keys = new long[n];
            long[] scratch = new long[n];
            int chunk = chunk(n);
            Pass last = new ChunkSort(f64, i64, keys, scratch, chunk);
            long[] src = keys;
            long[] dst = scratch;
            for (long width = chunk; width < n; width *= 2) {
                last = new MergeRound(src, dst, (int) width, last);
                long[] t = src;
                src = dst;
                dst = t;
            }
            this.sorted = src;
            this.before = last;
            this.out64 = f64 != null ? new double[n] : null;
            this.outI64 = i64 != null ? new long[n] : null;
        }

        @Override
        public Void block(SortOps ops, int from, int to) {
            if (out64 != null) {
                for (int i = from; i < to; i++) {
                    out64[i] = SortKeys.value(sorted[i]);
                }
            } else {
                System.arraycopy(sorted, from, outI64, from, to - from);
            }
            return null;
        }

        @Override
        public BlockTask<SortOps, ?> prerequisite() {
            return before;
        }

        @Override
        public Value result(Void total) {
            return out64 != null ? new F64Array(out64) : new I64Array(outI64);
        }
    }
}
