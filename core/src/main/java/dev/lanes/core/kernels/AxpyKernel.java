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
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * y ← a·x + y, in place (BLAS axpy): 2 FLOP, two elements read and one written per
 * element. Its output is y itself. Before every sample y is restored from a pristine copy
 * taken at bind time (untimed), so each sample does the same work on the same data.
 */
public final class AxpyKernel implements Kernel {
    private static final int BLOCK = 1 << 16;

    @Override
    public String name() {
        return "axpy";
    }

    @Override
    public String summary() {
        return "y <- a*x + y in place (BLAS axpy; memory-bound)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.optional("a", new ParamType.Real(), 2.0, "the scalar a"));
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
        return new StageShape(y, new Work(n, 2.0 * n, 3.0 * x.bytes()).writing(x.bytes()), y.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        double a = params.real("a");
        Value x = inputs.get(0);
        Value y = inputs.get(1);
        AxpyTask task = x instanceof F64Array xs
            ? new AxpyTask(a, xs.data(), ((F64Array) y).data(), null, null)
            : new AxpyTask(a, null, null, ((F32Array) x).data(), ((F32Array) y).data());
        return new StageInstance() {
            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                return task.verify(actual);
            }
        };
    }

    /** The scalar reference for one element: fma(a, x, y) in the element type. */
    public static double reference(double a, double x, double y, ElementType type) {
        return type == ElementType.F64 ? Math.fma(a, x, y) : Math.fma((float) a, (float) x, (float) y);
    }

    private static final class AxpyTask extends MapTask {
        private final double a;
        private final double[] x64;
        private final double[] y64;
        private final double[] pristine64;
        private final float[] x32;
        private final float[] y32;
        private final float[] pristine32;

        AxpyTask(double a, double[] x64, double[] y64, float[] x32, float[] y32) {
            super(y64 != null ? y64.length : y32.length, BLOCK);
            this.a = a;
            this.x64 = x64;
            this.y64 = y64;
            this.pristine64 = y64 == null ? null : y64.clone();
            this.x32 = x32;
            this.y32 = y32;
            this.pristine32 = y32 == null ? null : y32.clone();
        }

        @Override
        public Void block(ArrayOps ops, int from, int to) {
            if (y64 != null) {
                ops.axpy(a, x64, y64, from, to);
            } else {
                ops.axpy((float) a, x32, y32, from, to);
            }
            return null;
        }

        @Override
        public Value result(Void total) {
            return y64 != null ? new F64Array(y64) : new F32Array(y32);
        }

        @Override
        public boolean updatesInPlace() {
            return true;
        }

        @Override
        public void reset() {
            if (y64 != null) {
                System.arraycopy(pristine64, 0, y64, 0, y64.length);
            } else {
                System.arraycopy(pristine32, 0, y32, 0, y32.length);
            }
        }

        /**
         * Every element against fma(a, x, pristine y): an implementation may round the
         * product and the sum separately, so the bound is 2u relative to |a·x| + |y|.
         */
        Check verify(Value actual) {
            ElementType type = y64 != null ? ElementType.F64 : ElementType.F32;
            int n = length();
            double worst = 0;
            for (int i = 0; i < n; i++) {
                double xi = y64 != null ? x64[i] : x32[i];
                double yi = y64 != null ? pristine64[i] : pristine32[i];
                double got = actual instanceof F64Array v ? v.data()[i] : ((F32Array) actual).data()[i];
                double expected = reference(a, xi, yi, type);
                double scale = Math.abs(a * xi) + Math.abs(yi);
                double error = Math.abs(got - expected) / (scale == 0 ? 1 : scale);
                if (!(error <= worst)) {
                    worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                }
            }
            return Check.of("every element vs fma(a, x, y), max |error| / (|a·x| + |y|)",
                worst, 2 * type.unitRoundoff());
        }
    }
}
