package dev.lanes.core.files;

import dev.lanes.core.data.ElementType;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Elements of an array in a file (a {@code .npy}'s data, or raw binary), read by blocks into a
 * heap array in C order straight from a memory mapping: the file is never copied through the
 * heap twice, and blocks can be read by several threads at once. Other byte orders are swapped
 * and i32 widened to i64 as they are copied; a Fortran-order array is transposed on the way.
 *
 * @param offset where the first element is
 * @param shape  dimensions, the last the fastest in C order; empty for one element
 */
public record ArraySource(Path path, long offset, Dtype dtype, List<Long> shape, boolean fortran) {

    public ArraySource {
        shape = List.copyOf(shape);
    }

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public ElementType type() {
        return dtype.elementType();
    }

    /** A new array of the type and length of the data: double[], float[] or long[]. */
    public Object allocate() {
        int n = Math.toIntExact(elements());
        return switch (type()) {
            case F64 -> new double[n];
            case F32 -> new float[n];
            case I64 -> new long[n];
        };
    }

    /**
     * Copies elements {@code [from, to)} (C-order indices) into {@code into} (an array of the
     * data's type, as {@link #allocate} makes) from index {@code at}.
     */
    public void read(Object into, int at, int from, int to) {
        if (to <= from) {
            return;
        }
        long bytes = elements() * dtype.itemBytes();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            copy(ch.map(FileChannel.MapMode.READ_ONLY, offset, bytes, arena), into, at, from, to);
        } catch (IOException e) {
            throw new DataFileException("cannot read: " + e.getMessage());
        }
    }

    /**
     * Copies elements {@code [from, to)} from {@code data}, which holds this array's elements
     * from its first (a mapping of the file, or an .npz entry's bytes); the path is not read.
     */
    public void copy(MemorySegment data, Object into, int at, int from, int to) {
        if (!fortran || shape.size() < 2) {
            contiguous(data, into, at, from, to);
        } else {
            transposed(data, into, at, from, to);
        }
    }

    private void contiguous(MemorySegment data, Object into, int at, int from, int to) {
        long position = (long) from * dtype.itemBytes();
        int count = to - from;
        if (dtype.kind() == 'i' && dtype.itemBytes() == 4) {
            long[] out = (long[]) into;
            ValueLayout.OfInt layout = ValueLayout.JAVA_INT_UNALIGNED.withOrder(dtype.order());
            for (int i = 0; i < count; i++) {
                out[at + i] = data.get(layout, position + 4L * i);
            }
            return;
        }
        ValueLayout layout = switch (type()) {
            case F64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(dtype.order());
            case F32 -> ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(dtype.order());
            case I64 -> ValueLayout.JAVA_LONG_UNALIGNED.withOrder(dtype.order());
        };
        MemorySegment.copy(data, layout, position, into, at, count);
    }

    /**
     * Element k of the C-order result is at the Fortran-order position of the same
     * multi-index; the layout is chosen once, not per element.
     */
    private void transposed(MemorySegment data, Object into, int at, int from, int to) {
        int dims = shape.size();
        long[] index = new long[dims];
        long rest = from;
        for (int d = dims - 1; d >= 0; d--) {
            index[d] = rest % shape.get(d);
            rest /= shape.get(d);
        }
        long[] stride = new long[dims];
        stride[0] = 1;
        for (int d = 1; d < dims; d++) {
            stride[d] = stride[d - 1] * shape.get(d - 1);
        }
        long[] extent = shape.stream().mapToLong(Long::longValue).toArray();
        int item = dtype.itemBytes();
        ValueLayout.OfDouble f64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(dtype.order());
        ValueLayout.OfFloat f32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(dtype.order());
        ValueLayout.OfLong i64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(dtype.order());
        ValueLayout.OfInt i32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(dtype.order());
        long position = 0;
        for (int d = 0; d < dims; d++) {
            position += index[d] * stride[d];
        }
        for (int k = from; k < to; k++) {
            long offset = position * item;
            int out = at + k - from;
            switch (type()) {
                case F64 -> ((double[]) into)[out] = data.get(f64, offset);
                case F32 -> ((float[]) into)[out] = data.get(f32, offset);
                case I64 -> ((long[]) into)[out] = item == 4 ? data.get(i32, offset) : data.get(i64, offset);
            }
            for (int d = dims - 1; d >= 0; d--) {             // the next C-order index: the last dimension fastest
                if (++index[d] < extent[d]) {
                    position += stride[d];
                    break;
                }
                position -= (extent[d] - 1) * stride[d];
                index[d] = 0;
            }
        }
    }
}
