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
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/** Σ x[i]²: 2 FLOP and one element read per element. */
public final class SumOfSquaresKernel implements Kernel {

    @Override
    public String name() {
        return "sum-of-squares";
    }

    @Override
    public String summary() {
        return "sum of x[i]^2 over an array (a reduction; memory-bound out of cache)";
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
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape x = Inputs.array(inputs, 0, "x");
        long n = x.length();
        return new StageShape(DataShape.scalarF64(), new Work(n, 2.0 * n, x.bytes()), 0);
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value x = inputs.get(0);
        return new StageInstance() {
            private double[] reference;

            @Override
            public BlockTask<?, ?> task() {
                int n = (int) x.length();
                if (x instanceof F64Array a) {
                    double[] data = a.data();
                    return new SumTask(n, ElementType.F64) {
                        @Override
                        public Double block(ArrayOps ops, int from, int to) {
                            return ops.sumOfSquares(data, from, to);
                        }
                    };
                }
                float[] data = ((F32Array) x).data();
                return new SumTask(n, ElementType.F32) {
                    @Override
                    public Double block(ArrayOps ops, int from, int to) {
                        return ops.sumOfSquares(data, from, to);
                    }
                };
            }

            @Override
            public Check verify(Value actual) {
                if (reference == null) {
                    reference = new double[] {reference(x)};
                }
                int block = SumBounds.blockSize(x.type());
                return ReductionCheck.check("sum", reference[0], reference[0], actual,
                    SumBounds.relativeBound(x.type(), x.length(), block));
            }
        };
    }

    /** The scalar reference: compensated f64 sum of the squares (exact squares for f32). */
    public static double reference(Value x) {
        CompensatedSum sum = new CompensatedSum();
        if (x instanceof F64Array a) {
            for (double v : a.data()) {
                sum.add(v * v);
            }
        } else {
            for (float v : ((F32Array) x).data()) {
                sum.add((double) v * v);
            }
        }
        return sum.value();
    }
}
