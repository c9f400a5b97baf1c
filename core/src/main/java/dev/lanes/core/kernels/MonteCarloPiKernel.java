package dev.lanes.core.kernels;

import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Limits;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * π ≈ 4·(points inside the unit quarter circle) / N for N points uniform in the unit square,
 * drawn from counter-based streams (sample i uses counters 2i and 2i+1): the same seed gives
 * the same count on every backend and thread count. Per sample: two 64-bit mixes of the
 * generator, two conversions, 3 FLOP (x², y², +) and a compare; no memory traffic.
 */
public final class MonteCarloPiKernel implements Kernel {
    private static final int BLOCK = 1 << 16;
    /** Below this many samples the check recounts every point with the scalar reference. */
    private static final long EXACT_CHECK_MAX = 1L << 22;

    @Override
    public String name() {
        return "monte-carlo-pi";
    }

    @Override
    public String summary() {
        return "estimate π from N seeded random points; same seed, same estimate on every backend";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("samples", new ParamType.Size(1, Limits.MAX_ARRAY_LENGTH), "points drawn"),
            ParamSpec.optional("seed", new ParamType.Integer(Long.MIN_VALUE, Long.MAX_VALUE), 42L, "seed of the point streams"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        long n = params.size("samples");
        return new StageShape(DataShape.scalarF64(), new Work(n, 3.0 * n, 0, Work.RANDOM_POINT, n), 0);
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        long n = params.size("samples");
        long seed = params.integer("seed");
        CountTask task = new CountTask((int) n, seed);
        return new StageInstance() {
            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                double estimate = ((Scalar) actual).value();
                if (n <= EXACT_CHECK_MAX) {
                    double exact = 4.0 * reference(seed, n) / n;
                    return Check.of("every point recounted by the scalar reference, |difference|", Math.abs(estimate - exact), 0);
                }
                // The count is binomial(N, π/4): 6 standard deviations of the estimate.
                double p = Math.PI / 4;
                double sigma = 4 * Math.sqrt(p * (1 - p) / n);
                return Check.of("|estimate − π| against 6 standard deviations of a correct estimate", Math.abs(estimate - Math.PI), 6 * sigma);
            }
        };
    }

    /** The scalar reference: how many of the first n samples fall inside. */
    public static long reference(long seed, long n) {
        return new dev.lanes.core.exec.ScalarAccelerator().ops(RandomOps.class).orElseThrow().insideUnitCircle(seed, 0, n);
    }

    /** Counts per block, summed exactly; the result is the estimate of π. */
    private static final class CountTask implements BlockTask<RandomOps, Long> {
        private final int samples;
        private final long seed;

        CountTask(int samples, long seed) {
            this.samples = samples;
            this.seed = seed;
        }

        @Override
        public Class<RandomOps> opsType() {
            return RandomOps.class;
        }

        @Override
        public int length() {
            return samples;
        }

        @Override
        public int blockSize() {
            return BLOCK;
        }

        @Override
        public Long identity() {
            return 0L;
        }

        @Override
        public Long block(RandomOps ops, int from, int to) {
            return ops.insideUnitCircle(seed, from, to);
        }

        @Override
        public Long combine(Long left, Long right) {
            return left + right;
        }

        @Override
        public Value result(Long inside) {
            return new Scalar(4.0 * inside / samples);
        }
    }
}
