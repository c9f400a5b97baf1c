package dev.lanes.gpu;

import dev.lanes.core.exec.ArrayOps;
import jcuda.driver.CUdeviceptr;

/**
 * The level-1 array kernels on the GPU, one launch per call over the whole range: a
 * reduction's block partials (f64, one per block) come back and are added in block order.
 */
final class GpuArrayOps implements ArrayOps {
    private final GpuDevice device;

    GpuArrayOps(GpuDevice device) {
        this.device = device;
    }

    @Override
    public double sumOfSquares(double[] x, int from, int to) {
        return reduce("sum_of_squares_f64", x, null, from, to);
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        return reduce("sum_of_squares_f32", x, null, from, to);
    }

    @Override
    public double dot(double[] x, double[] y, int from, int to) {
        return reduce("dot_f64", x, y, from, to);
    }

    @Override
    public double dot(float[] x, float[] y, int from, int to) {
        return reduce("dot_f32", x, y, from, to);
    }

    @Override
    public void axpy(double a, double[] x, double[] y, int from, int to) {
        axpy("axpy_f64", new KernelArgs().f64(a), x, y, from, to);
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int from, int to) {
        axpy("axpy_f32", new KernelArgs().f32(a), x, y, from, to);
    }

    /** (x, [y,] n, partials) of sum_of_squares_* and dot_*. */
    static KernelArgs reductionArgs(CUdeviceptr x, CUdeviceptr y, long n, CUdeviceptr partials) {
        KernelArgs args = new KernelArgs().pointer(x);
        if (y != null) {
            args.pointer(y);
        }
        return args.i64(n).pointer(partials);
    }

    /** (a, x, y, n) of axpy_*, the scalar already in {@code a}. */
    static KernelArgs axpyArgs(KernelArgs a, CUdeviceptr x, CUdeviceptr y, long n) {
        return a.pointer(x).pointer(y).i64(n);
    }

    /** (x, rows, cols, out) of row_sum_of_squares_*. */
    static KernelArgs rowSumsArgs(CUdeviceptr x, long rows, long cols, CUdeviceptr out) {
        return new KernelArgs().pointer(x).i64(rows).i64(cols).pointer(out);
    }

    @Override
    public void rowSumsOfSquares(double[] x, int cols, int colBlock, double[] out, int fromRow, int toRow) {
        rowSums("row_sum_of_squares_f64", x, cols, out, fromRow, toRow);
    }

    @Override
    public void rowSumsOfSquares(float[] x, int cols, int colBlock, double[] out, int fromRow, int toRow) {
        rowSums("row_sum_of_squares_f32", x, cols, out, fromRow, toRow);
    }

    private double reduce(String kernel, Object x, Object y, int from, int to) {
        if (from >= to) {
            return 0;
        }
        return device.call(() -> {
            long n = to - from;
            CUdeviceptr xd = device.memory().input(x, from, to);
            CUdeviceptr yd = y == null ? null : device.memory().input(y, from, to);
            LaunchGeometry g = LaunchGeometry.gridStride(n, device.multiprocessors());
            DeviceBuffer partials = device.memory().scratch((long) g.blocks() * Double.BYTES, "the partial sums");
            device.launch(PtxModule.ARRAY_KERNELS, kernel, g, reductionArgs(xd, yd, n, partials.pointer()));
            double sum = 0;
            for (double p : device.memory().readDoubles(partials, g.blocks())) {
                sum += p;
            }
            return sum;
        });
    }

    private void axpy(String kernel, KernelArgs scalar, Object x, Object y, int from, int to) {
        if (from >= to) {
            return;
        }
        device.call(() -> {
            CUdeviceptr xd = device.memory().input(x, from, to);
            CUdeviceptr yd = device.memory().inout(y, from, to);
            long n = to - from;
            device.launch(PtxModule.ARRAY_KERNELS, kernel, LaunchGeometry.gridStride(n, device.multiprocessors()),
                axpyArgs(scalar, xd, yd, n));
            return null;
        });
    }

    private void rowSums(String kernel, Object x, int cols, double[] out, int fromRow, int toRow) {
        if (fromRow >= toRow) {
            return;
        }
        device.call(() -> {
            long rows = toRow - fromRow;
            CUdeviceptr xd = device.memory().input(x, fromRow * cols, toRow * cols);
            CUdeviceptr od = device.memory().output(out, fromRow, toRow);
            device.launch(PtxModule.ARRAY_KERNELS, kernel, LaunchGeometry.warpPerRow(rows, device.multiprocessors()),
                rowSumsArgs(xd, rows, cols, od));
            return null;
        });
    }
}
