package dev.lanes.core.kernels;

import dev.lanes.core.data.CounterNormal;
import dev.lanes.core.data.CounterRandom;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Limits;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Seeded data: each element is a pure function of (seed, index), so the data is the same
 * whatever the thread count. Runs once per sweep point, before the measured stages.
 */
public final class GenerateKernel implements Kernel {
    private static final int BLOCK = 1 << 16;

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "seeded f32/f64/i64 data (uniform [0,1) or 64 random bits for i64, standard normal, or the index sequence 0,1,2,…)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("length", new ParamType.Size(1, Limits.MAX_ARRAY_LENGTH), "number of elements"),
            ParamSpec.optional("type", new ParamType.Choice(List.of("f64", "f32", "i64")), "f64", "element type"),
            ParamSpec.optional("distribution", new ParamType.Choice(List.of("uniform", "normal", "sequence")),
                "uniform", "uniform in [0,1) (i64: all 64 bits random), standard normal (not i64), or the element's index"),
            ParamSpec.optional("seed", new ParamType.Integer(Long.MIN_VALUE, Long.MAX_VALUE), 42L,
                "seed of the counter-based generator"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public boolean makesPartsAlone() {
        return true;
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.THREADS);
    }

    @Override
    public boolean isSource() {
        return true;
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        ElementType type = type(params);
        if (type == ElementType.I64 && params.choice("distribution").equals("normal")) {
            throw new InvalidStageException("distribution", "normal is a real distribution; i64 data is uniform or sequence");
        }
        long n = params.size("length");
        DataShape output = DataShape.array(type, n);
        return new StageShape(output, new Work(n, 0, output.bytes()).writing(output.bytes()), output.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Generator generator = new Generator(type(params), params.choice("distribution"), params.integer("seed"),
            (int) params.size("length"));
        return new StageInstance() {
            @Override
            public BlockTask<?, ?> task() {
                return generator;
            }

            @Override
            public Check verify(Value actual) {
                return generator.verifySampled(actual);
            }
        };
    }

    private static ElementType type(Params params) {
        return ElementType.valueOf(params.choice("type").toUpperCase(Locale.ROOT));
    }

    /** The scalar reference: the value of element {@code index}. */
    public static double element(String distribution, long seed, long index, ElementType type) {
        return switch (distribution) {
            case "uniform" -> type == ElementType.F32
                ? CounterRandom.uniformFloat(seed, index)
                : CounterRandom.uniform(seed, index);
            case "normal" -> type == ElementType.F32
                ? CounterNormal.normalFloat(seed, index)
                : CounterNormal.normal(seed, index);
            case "sequence" -> type == ElementType.F32 ? (float) index : (double) index;
            default -> throw new IllegalArgumentException("unknown distribution " + distribution);
        };
    }

    /** The scalar reference for i64 data: the value of element {@code index}. */
    public static long integerElement(String distribution, long seed, long index) {
        return distribution.equals("uniform") ? CounterRandom.bits(seed, index) : index;
    }

    /** Fills its array block by block; the array is allocated once, at bind time. */
    private static final class Generator extends MapTask {
        private final ElementType type;
        private final String distribution;
        private final long seed;
        private final double[] f64;
        private final float[] f32;
        private final long[] i64;

        Generator(ElementType type, String distribution, long seed, int length) {
            super(length, BLOCK);
            this.type = type;
            this.distribution = distribution;
            this.seed = seed;
            this.f64 = type == ElementType.F64 ? new double[length] : null;
            this.f32 = type == ElementType.F32 ? new float[length] : null;
            this.i64 = type == ElementType.I64 ? new long[length] : null;
        }

        /** One loop per (type, distribution), so the hot loop has no branch on them. */
        @Override
        public Void block(ArrayOps ops, int from, int to) {
            if (i64 != null) {
                boolean uniform = distribution.equals("uniform");
                for (int i = from; i < to; i++) {
                    i64[i] = uniform ? CounterRandom.bits(seed, i) : i;
                }
                return null;
            }
            switch (distribution) {
                case "uniform" -> {
                    if (f64 != null) {
                        for (int i = from; i < to; i++) {
                            f64[i] = CounterRandom.uniform(seed, i);
                        }
                    } else {
                        for (int i = from; i < to; i++) {
                            f32[i] = CounterRandom.uniformFloat(seed, i);
                        }
                    }
                }
                case "normal" -> {
                    if (f64 != null) {
                        CounterNormal.fill(seed, f64, from, to);
                    } else {
                        CounterNormal.fill(seed, f32, from, to);
                    }
                }
                default -> {
                    if (f64 != null) {
                        for (int i = from; i < to; i++) {
                            f64[i] = i;
                        }
                    } else {
                        for (int i = from; i < to; i++) {
                            f32[i] = i;
                        }
                    }
                }
            }
            return null;
        }

        @Override
        public Value result(Void total) {
            return f64 != null ? new F64Array(f64) : f32 != null ? new F32Array(f32) : new I64Array(i64);
        }

        /** Recomputes the first, the last and 1024 pseudo-random elements; they must match exactly. */
        Check verifySampled(Value actual) {
            int n = length();
            int checks = SampledIndices.count(n);
            int wrong = 0;
            for (int k = 0; k < checks; k++) {
                int i = SampledIndices.at(k, n, seed ^ 0x5EED);
                long expected = type == ElementType.I64 ? integerElement(distribution, seed, i)
                    : Double.doubleToLongBits(element(distribution, seed, i, type));
                long got = switch (actual) {
                    case F64Array a -> Double.doubleToLongBits(a.data()[i]);
                    case F32Array a -> Double.doubleToLongBits(a.data()[i]);
                    case I64Array a -> a.data()[i];
                    case Scalar s -> Double.doubleToLongBits(s.value());
                };
                if (expected != got) {
                    wrong++;
                }
            }
            return Check.of(checks + " sampled elements recomputed, mismatches", wrong, 0);
        }
    }
}
