package dev.lanes.gpu;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

import java.util.ArrayList;
import java.util.List;

/** The parameters of a kernel launch in declaration order, as {@code cuLaunchKernel} takes them. */
final class KernelArgs {
    private final List<NativePointerObject> values = new ArrayList<>();

    KernelArgs pointer(CUdeviceptr p) {
        values.add(Pointer.to(p));
        return this;
    }

    /** A null device pointer (an absent bias). */
    KernelArgs nullPointer() {
        values.add(Pointer.to(new long[] {0}));
        return this;
    }

    KernelArgs i32(int v) {
        values.add(Pointer.to(new int[] {v}));
        return this;
    }

    KernelArgs i64(long v) {
        values.add(Pointer.to(new long[] {v}));
        return this;
    }

    KernelArgs f32(float v) {
        values.add(Pointer.to(new float[] {v}));
        return this;
    }

    KernelArgs f64(double v) {
        values.add(Pointer.to(new double[] {v}));
        return this;
    }

    int count() {
        return values.size();
    }

    Pointer pointer() {
        return Pointer.to(values.toArray(new NativePointerObject[0]));
    }
}
