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

/** Σ x[i]·y[i]: 2 FLOP and two elements read per element. */
public final class DotKernel implements Kernel {

    @Override
    public String name() {
        return "dot";
    }

    @Override
    public String summary() {
        return "dot product of two arrays of the same type and length";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public List<String> inputs() {
        return List.of("x", "y");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape x = Inputs.array(inputs, 0, "x");
        DataShape y = Inputs.array(inputs, 1, "y");
        Inputs.sameShape(x, y);
        long n = x.length();
        return new StageShape(DataShape.scalarF64(), new Work(n, 2.0 * n, x.bytes() + y.bytes()), 0);
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value x = inputs.get(0);
        Value y = inputs.get(1);
        return new StageInstance() {
            private double[] reference;

            @Override
            public BlockTask<?, ?> task() {
                int n = (int) x.length();
                if (x instanceof F64Array a) {
                    double[] xs = a.data();
                    double[] ys = ((F64Array) y).data();
                    return new SumTask(n, ElementType.F64) {
                        @Override
                        public Double block(ArrayOps ops, int from, int to) {
                            return ops.dot(xs, ys, from, to);
                        }
                    };
                }
                float[] xs = ((F32Array) x).data();
                float[] ys = ((F32Array) y).data();
                return new SumTask(n, ElementType.F32) {
                    @Override
                    public Double block(ArrayOps ops, int from, int to) {
                        return ops.dot(xs, ys, from, to);
                    }
                };
            }

            @Override
            public Check verify(Value actual) {
                if (reference == null) {
                    reference = reference(x, y);
                }
                int block = SumBounds.blockSize(x.type());
                return ReductionCheck.check("dot", reference[0], reference[1], actual,
                    SumBounds.relativeBound(x.type(), x.length(), block));
            }
        };
    }

    /**
     * The scalar reference: {sum, Σ|x·y|}, the sum compensated in f64 with exact products
     * for f32 and rounded products for f64.
     */
    public static double[] reference(Value x, Value y) {
        CompensatedSum sum = new CompensatedSum();
        double magnitude = 0;
        int n = (int) x.length();
        for (int i = 0; i < n; i++) {
            double p = x instanceof F64Array a
                ? a.data()[i] * ((F64Array) y).data()[i]
                : (double) ((F32Array) x).data()[i] * ((F32Array) y).data()[i];
            sum.add(p);
            magnitude += Math.abs(p);
        }
        return new double[] {sum.value(), magnitude};
    }
}
