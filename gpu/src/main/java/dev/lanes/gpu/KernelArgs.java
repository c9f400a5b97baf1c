package dev.lanes.gpu;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a kernel launch in declaration order, as {@code cuLaunchKernel} takes
 * them, with the PTX type of each: the driver cannot check them, so a launch compares them
 * with the kernel's signature in the PTX ({@link PtxModule#parameters}).
 */
final class KernelArgs {
    private final List<NativePointerObject> values = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

    private KernelArgs add(NativePointerObject value, String type) {
        values.add(value);
        types.add(type);
        return this;
    }

    KernelArgs pointer(CUdeviceptr p) {
        return add(Pointer.to(p), "u64");
    }

    /** A null device pointer (an absent bias). */
    KernelArgs nullPointer() {
        return add(Pointer.to(new long[] {0}), "u64");
    }

    KernelArgs i32(int v) {
        return add(Pointer.to(new int[] {v}), "u32");
    }

    KernelArgs i64(long v) {
        return add(Pointer.to(new long[] {v}), "u64");
    }

    KernelArgs f32(float v) {
        return add(Pointer.to(new float[] {v}), "f32");
    }

    KernelArgs f64(double v) {
        return add(Pointer.to(new double[] {v}), "f64");
    }

    /** The PTX types passed, in order. */
    List<String> types() {
        return List.copyOf(types);
    }

    Pointer pointer() {
        return Pointer.to(values.toArray(new NativePointerObject[0]));
    }
}
