package dev.lanes.core.kernels;

import dev.lanes.core.data.CounterRandom;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;

/**
 * A dense row-major matrix of f32 or f64 (exactly one of the arrays is set): what the
 * matrix kernels hold, so their code is written once for both types.
 */
record Matrix(int rows, int cols, float[] f32, double[] f64) {

    static Matrix zeros(int rows, int cols, ElementType type) {
        return allocate(type, (long) rows * cols, rows, cols);
    }

    /** A buffer of {@code length} elements that is not a rows × cols matrix (packed data). */
    static Matrix buffer(ElementType type, long length) {
        return allocate(type, length, 1, (int) length);
    }

    private static Matrix allocate(ElementType type, long length, int rows, int cols) {
        return type == ElementType.F32
            ? new Matrix(rows, cols, new float[(int) length], null)
            : new Matrix(rows, cols, null, new double[(int) length]);
    }

    /** Entries uniform in [lo, hi), each a pure function of (seed, index). */
    static Matrix seeded(int rows, int cols, ElementType type, long seed, double lo, double hi) {
        Matrix m = zeros(rows, cols, type);
        int n = rows * cols;
        double span = hi - lo;
        if (m.f32 != null) {
            for (int i = 0; i < n; i++) {
                m.f32[i] = (float) (lo + span * CounterRandom.uniformFloat(seed, i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                m.f64[i] = lo + span * CounterRandom.uniform(seed, i);
            }
        }
        return m;
    }

    ElementType type() {
        return f32 != null ? ElementType.F32 : ElementType.F64;
    }

    double get(int index) {
        return f32 != null ? f32[index] : f64[index];
    }

    /** Row i as exact f64 values. */
    double[] row(int i) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = get(i * cols + j);
        }
        return out;
    }

    /** Every entry as exact f64 values. */
    double[] toF64() {
        if (f64 != null) {
            return f64;
        }
        double[] out = new double[f32.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f32[i];
        }
        return out;
    }

    Value value() {
        return f32 != null ? new F32Array(f32) : new F64Array(f64);
    }

    static Matrix of(Value value, int rows, int cols) {
        return value instanceof F32Array a ? new Matrix(rows, cols, a.data(), null)
            : new Matrix(rows, cols, null, ((F64Array) value).data());
    }
}
