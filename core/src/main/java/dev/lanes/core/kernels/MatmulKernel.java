package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.StageSize;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * C = A·B for seeded A (m × k) and B (k × n), entries uniform in [−1, 1), generated before
 * timing. One execution packs B (in parallel, by panels) and then computes C in blocks of
 * rows; 2·m·n·k floating-point operations, and at least A, B and C move once.
 */
public final class MatmulKernel implements Kernel {
    /** Rows of C per parallel block: enough work per block to amortise packing A's block. */
    static final int ROWS_PER_BLOCK = 128;
    private static final long MAX_DIMENSION = 1L << 20;
    /** --quick: a 256³ product, milliseconds on any machine. */
    private static final long QUICK_DIMENSION = 256;
    private static final int VERIFIED_ROWS = 8;

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public String summary() {
        return "C = A·B of seeded m x k and k x n matrices (f32/f64); threads over row blocks";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.optional("n", new ParamType.Size(0, MAX_DIMENSION, QUICK_DIMENSION), 0L,
                "columns of B and C (and m, k unless given); 0 (the default) only with inputs a and b"),
            ParamSpec.optional("m", new ParamType.Size(0, MAX_DIMENSION, QUICK_DIMENSION), 0L, "rows of A and C; 0 means n"),
            ParamSpec.optional("k", new ParamType.Size(0, MAX_DIMENSION, QUICK_DIMENSION), 0L, "columns of A, rows of B; 0 means n"),
            ParamSpec.optional("type", new ParamType.Choice(List.of("f64", "f32")), "f64", "element type"),
            ParamSpec.optional("seed", new ParamType.Integer(Long.MIN_VALUE, Long.MAX_VALUE), 42L, "seed of A and B"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    /** A and B from other stages (loaded matrices) instead of seeded ones: then m, k, n and the type are theirs. */
    @Override
    public List<String> optionalInputs() {
        return List.of("a", "b");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    /** The dimensions of a product. */
    record Dimensions(int m, int k, int n) {
        static Dimensions of(Params params) {
            long n = params.size("n");
            if (n == 0) {
                throw new InvalidStageException("n", "matmul generates A and B unless it has inputs a and b, and then "
                    + "needs n (at least 1)");
            }
            long m = params.size("m") == 0 ? n : params.size("m");
            long k = params.size("k") == 0 ? n : params.size("k");
            MatrixSizes.checkFits("m", "A", m, k);
            MatrixSizes.checkFits("n", "B", k, n);
            MatrixSizes.checkFits("n", "C", m, n);
            MatrixSizes.checkFits("n", "packed B", k, n + GemmLayout.MAX_STRIP);
            return new Dimensions((int) m, (int) k, (int) n);
        }
    }

    /** The dimensions and type of a product of two input matrices, checked against each other. */
    private static Dimensions ofInputs(List<DataShape> inputs) {
        DataShape a = inputs.get(0);
        DataShape b = inputs.get(1);
        for (int i = 0; i < 2; i++) {
            DataShape s = inputs.get(i);
            String name = i == 0 ? "a" : "b";
            if (s.scalar() || s.dims().size() != 2) {
                throw new InvalidStageException("inputs", "input " + name + " must be a matrix (2-d), got " + s.describe());
            }
            if (!s.type().floating()) {
                throw new InvalidStageException("inputs", "input " + name + " is " + s.type().label()
                    + "; matmul multiplies f32 or f64");
            }
        }
        if (a.type() != b.type()) {
            throw new InvalidStageException("inputs", "a is " + a.type().label() + " but b is " + b.type().label()
                + ": both need the same type");
        }
        if (!a.dims().get(1).equals(b.dims().get(0))) {
            throw new InvalidStageException("inputs", "a is " + a.describe() + " and b is " + b.describe()
                + ": a's columns must equal b's rows");
        }
        long m = a.dims().get(0);
        long k = a.dims().get(1);
        long n = b.dims().get(1);
        MatrixSizes.checkFits("inputs", "C", m, n);
        MatrixSizes.checkFits("inputs", "packed B", k, n + GemmLayout.MAX_STRIP);
        return new Dimensions((int) m, (int) k, (int) n);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        Dimensions d = inputs.isEmpty() ? Dimensions.of(params) : ofInputs(inputs);
        ElementType type = inputs.isEmpty() ? type(params) : inputs.get(0).type();
        long elements = (long) d.m() * d.k() + (long) d.k() * d.n() + (long) d.m() * d.n();
        long packed = GemmLayout.maxPackedLength(d.k(), d.n());
        DataShape out = DataShape.of(type, List.of((long) d.m(), (long) d.n()));
        Work work = new Work((long) d.m() * d.n(), 2.0 * d.m() * d.n() * d.k(), (double) elements * type.bytes());
        return new StageShape(out, work, (elements + packed) * type.bytes());
    }

    /** {@code n} for a square product, else {@code m×n×k}: what the user set, not C's element count. */
    @Override
    public StageSize size(Params params, StageShape shape) {
        long m = shape.output().dims().get(0);
        long n = shape.output().dims().get(1);
        Dimensions d = new Dimensions((int) m, (int) Math.round(shape.work().flops() / (2.0 * m * n)), (int) n);
        return d.m() == d.n() && d.k() == d.n() ? new StageSize("n", List.of((long) d.n()))
            : new StageSize("m×n×k", List.of((long) d.m(), (long) d.n(), (long) d.k()));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        if (!inputs.isEmpty()) {
            throw new IllegalStateException("a matmul with inputs is bound with their shapes");
        }
        return bind(params, inputs, List.of());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs, List<DataShape> shapes) {
        boolean given = !inputs.isEmpty();
        Dimensions d = given ? ofInputs(shapes) : Dimensions.of(params);
        ElementType type = given ? shapes.get(0).type() : type(params);
        long seed = params.integer("seed");
        Matrix a = given ? Matrix.of(inputs.get(0), d.m(), d.k()) : operandA(params);
        Matrix b = given ? Matrix.of(inputs.get(1), d.k(), d.n()) : operandB(params);
        Matrix packed = Matrix.buffer(type, GemmLayout.maxPackedLength(d.k(), d.n()));
        ProductTask task = new ProductTask(a, b, packed, Matrix.zeros(d.m(), d.n(), type));
        return new StageInstance() {
            private RowSample reference;

            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                if (reference == null) {
                    double[] bF64 = b.toF64();
                    reference = RowSample.of(d.m(), VERIFIED_ROWS, seed,
                        i -> DenseReference.layer(DenseReference.Row.exact(a.row(i)), bF64, d.n(), null, false, type));
                }
                return reference.check(Matrix.of(actual, d.m(), d.n()), "C");
            }
        };
    }

    /** A of a stage, m × k. */
    static Matrix operandA(Params params) {
        Dimensions d = Dimensions.of(params);
        return Matrix.seeded(d.m(), d.k(), type(params), params.integer("seed"), -1, 1);
    }

    /** B of a stage, k × n. */
    static Matrix operandB(Params params) {
        Dimensions d = Dimensions.of(params);
        return Matrix.seeded(d.k(), d.n(), type(params), params.integer("seed") ^ 0xB0B0B0B0L, -1, 1);
    }

    /**
     * The relative Frobenius error ‖C − A·B‖ / ‖|A|·|B|‖ of a whole result against the
     * compensated f64 product, for tests of small products; a correct result has it below
     * γ(k+1) of its element type.
     */
    public static double relativeFrobeniusError(Params params, Value c) {
        Matrix a = operandA(params);
        Matrix b = operandB(params);
        Matrix got = Matrix.of(c, a.rows(), b.cols());
        double[] bF64 = b.toF64();
        double error = 0;
        double scale = 0;
        for (int i = 0; i < a.rows(); i++) {
            double[] row = a.row(i);
            DenseReference.Row exact = DenseReference.layer(DenseReference.Row.exact(row), bF64, b.cols(), null, false, ElementType.F64);
            DenseReference.Row magnitude = DenseReference.layer(DenseReference.Row.exact(abs(row)), abs(bF64), b.cols(), null, false, ElementType.F64);
            for (int j = 0; j < b.cols(); j++) {
                double e = got.get(i * b.cols() + j) - exact.values()[j];
                error += e * e;
                scale += magnitude.values()[j] * magnitude.values()[j];
            }
        }
        return scale == 0 ? Math.sqrt(error) : Math.sqrt(error / scale);
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    private static ElementType type(Params params) {
        return ElementType.valueOf(params.choice("type").toUpperCase(Locale.ROOT));
    }

    /** Rows of C in blocks, after B is packed. */
    private static final class ProductTask extends RowBlockTask {
        private final Matrix a;
        private final Matrix b;
        private final Matrix packed;
        private final Matrix c;
        private final PackTask pack;

        ProductTask(Matrix a, Matrix b, Matrix packed, Matrix c) {
            super(a.rows(), ROWS_PER_BLOCK);
            this.a = a;
            this.b = b;
            this.packed = packed;
            this.c = c;
            this.pack = new PackTask(b, packed);
        }

        @Override
        public BlockTask<GemmOps, ?> prerequisite() {
            return pack;
        }

        @Override
        public Void block(GemmOps ops, int from, int to) {
            Matrix right = PackTask.readsUnpacked(ops.layout(b.type(), b.cols()), b.cols()) ? b : packed;
            if (a.f32() != null) {
                ops.multiply(a.f32(), a.cols(), right.f32(), c.cols(), null, false, c.f32(), from, to);
            } else {
                ops.multiply(a.f64(), a.cols(), right.f64(), c.cols(), null, false, c.f64(), from, to);
            }
            return null;
        }

        @Override
        public Value result(Void total) {
            return c.value();
        }

        /** Rows {@code [from, to)} of C. */
        @Override
        public Written written(int from, int to) {
            return new Written((long) from * c.cols(), (long) to * c.cols());
        }
    }
}
