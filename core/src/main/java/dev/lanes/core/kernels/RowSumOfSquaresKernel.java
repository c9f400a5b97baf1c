package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
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
import dev.lanes.core.kernel.StageSize;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * The sum of squares of every row of a rows × cols matrix stored row-major in its input
 * (JAX's vmap example): a map over rows, each row a reduction. Threads take whole rows;
 * inside a row the SIMD chunk function runs over the same fixed blocks as
 * {@code sum-of-squares}, so each row has that kernel's error bound.
 */
public final class RowSumOfSquaresKernel implements Kernel {
    /** Rows per parallel block aim at this many elements, so short rows are grouped. */
    private static final int ELEMENTS_PER_BLOCK = 1 << 16;

    @Override
    public String name() {
        return "row-sum-of-squares";
    }

    @Override
    public String summary() {
        return "per-row sum of x^2 of a rows x cols matrix (a vectorized map over rows)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("cols", new ParamType.Size(1, Limits.MAX_ARRAY_LENGTH),
            "row length; the input's length must be a multiple of it"));
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
        long cols = params.size("cols");
        if (x.length() % cols != 0) {
            throw new InvalidStageException("cols", "the input has " + x.length() + " elements, not a multiple of cols = " + cols);
        }
        long rows = x.length() / cols;
        DataShape out = DataShape.array(ElementType.F64, rows);
        return new StageShape(out, new Work(x.length(), 2.0 * x.length(), x.bytes() + out.bytes()), out.bytes());
    }

    @Override
    public StageSize size(Params params, StageShape shape) {
        long cols = params.size("cols");
        return new StageSize("rows×cols", List.of(shape.output().length(), cols));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value x = inputs.get(0);
        int cols = (int) params.size("cols");
        int rows = (int) (x.length() / cols);
        RowTask task = new RowTask(x, rows, cols);
        return new StageInstance() {
            private double[][] reference;

            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                if (reference == null) {
                    reference = reference(x, cols);
                }
                double[] got = ((F64Array) actual).data();
                double worst = 0;
                for (int r = 0; r < rows; r++) {
                    double error = Math.abs(got[r] - reference[0][r]) / (reference[0][r] == 0 ? 1 : reference[0][r]);
                    worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : Math.max(worst, error);
                }
                return Check.of("every row vs compensated f64 reference, max |error| / Σ|terms|", worst,
                    SumBounds.relativeBound(x.type(), cols, SumBounds.blockSize(x.type())));
            }
        };
    }

    /** The scalar reference: {row sums}, each compensated in f64. */
    public static double[][] reference(Value x, int cols) {
        int rows = (int) (x.length() / cols);
        double[] sums = new double[rows];
        for (int r = 0; r < rows; r++) {
            CompensatedSum sum = new CompensatedSum();
            for (int c = 0; c < cols; c++) {
                double v = x instanceof F64Array a ? a.data()[r * cols + c] : ((F32Array) x).data()[r * cols + c];
                sum.add(v * v);
            }
            sums[r] = sum.value();
        }
        return new double[][] {sums};
    }

    /** Blocks are ranges of rows; each row is summed over fixed column blocks, folded in f64. */
    private static final class RowTask extends MapTask {
        private final double[] f64;
        private final float[] f32;
        private final int cols;
        private final int colBlock;
        private final double[] out;

        RowTask(Value x, int rows, int cols) {
            super(rows, Math.max(1, ELEMENTS_PER_BLOCK / cols));
            this.f64 = x instanceof F64Array a ? a.data() : null;
            this.f32 = x instanceof F32Array a ? a.data() : null;
            this.cols = cols;
            this.colBlock = SumBounds.blockSize(x.type());
            this.out = new double[rows];
        }

        @Override
        public Void block(ArrayOps ops, int fromRow, int toRow) {
            if (f64 != null) {
                ops.rowSumsOfSquares(f64, cols, colBlock, out, fromRow, toRow);
            } else {
                ops.rowSumsOfSquares(f32, cols, colBlock, out, fromRow, toRow);
            }
            return null;
        }

        @Override
        public Value result(Void total) {
            return new F64Array(out);
        }
    }
}
