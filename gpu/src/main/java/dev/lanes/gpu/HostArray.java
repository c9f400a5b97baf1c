package dev.lanes.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A JVM array the device copies to or from — float[], double[], long[] (the histogram's
 * counts, 64-bit on the device too) or int[] (a training batch's labels) — with its copies
 * into and out of pinned memory.
 */
record HostArray(Object array) {

    HostArray {
        if (!(array instanceof float[] || array instanceof double[] || array instanceof long[] || array instanceof int[])) {
            throw new IllegalArgumentException("not a float[], double[], long[] or int[]: " + array);
        }
    }

    int length() {
        return switch (array) {
            case float[] a -> a.length;
            case double[] a -> a.length;
            case int[] a -> a.length;
            default -> ((long[]) array).length;
        };
    }

    int elementBytes() {
        return array instanceof float[] || array instanceof int[] ? Float.BYTES : Double.BYTES;
    }

    long bytes(int count) {
        return (long) count * elementBytes();
    }

    /** Copies {@code count} elements from index {@code from} to the start of {@code pinned}. */
    void copyTo(ByteBuffer pinned, int from, int count) {
        copyTo(pinned, 0, from, count);
    }

    /** Copies {@code count} elements from index {@code from} to element {@code at} of {@code pinned}. */
    void copyTo(ByteBuffer pinned, int at, int from, int count) {
        ByteBuffer to = pinned.duplicate().order(ByteOrder.nativeOrder()).clear();
        switch (array) {
            case float[] a -> to.asFloatBuffer().put(at, a, from, count);
            case double[] a -> to.asDoubleBuffer().put(at, a, from, count);
            case int[] a -> to.asIntBuffer().put(at, a, from, count);
            default -> to.asLongBuffer().put(at, (long[]) array, from, count);
        }
    }

    /** Copies {@code count} elements from the start of {@code pinned} to index {@code from}. */
    void copyFrom(ByteBuffer pinned, int from, int count) {
        copyFrom(pinned, 0, from, count);
    }

    /** Copies {@code count} elements from element {@code at} of {@code pinned} to index {@code from}. */
    void copyFrom(ByteBuffer pinned, int at, int from, int count) {
        ByteBuffer source = pinned.duplicate().order(ByteOrder.nativeOrder()).clear();
        switch (array) {
            case float[] a -> source.asFloatBuffer().get(at, a, from, count);
            case double[] a -> source.asDoubleBuffer().get(at, a, from, count);
            case int[] a -> source.asIntBuffer().get(at, a, from, count);
            default -> source.asLongBuffer().get(at, (long[]) array, from, count);
        }
    }
}
