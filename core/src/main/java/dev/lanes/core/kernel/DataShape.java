package dev.lanes.core.kernel;

import dev.lanes.core.data.ElementType;

import java.util.List;

/**
 * The shape of a value before it exists: an array of a type and length, or a scalar.
 *
 * @param dims the array's dimensions, C order, their product the length: one for a plain array,
 *             two for a matrix (a loaded .npy or CSV keeps its own); empty for a scalar
 */
public record DataShape(ElementType type, long length, boolean scalar, List<Long> dims) {

    public DataShape {
        dims = List.copyOf(dims);
    }

    public static DataShape array(ElementType type, long length) {
        return new DataShape(type, length, false, List.of(length));
    }

    /** An array of these dimensions (C order). */
    public static DataShape of(ElementType type, List<Long> dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return new DataShape(type, n, false, dims);
    }

    public static DataShape scalarF64() {
        return new DataShape(ElementType.F64, 1, true, List.of());
    }

    /** Bytes the value occupies in memory. */
    public long bytes() {
        return scalar ? 0 : length * type.bytes();
    }

    public String describe() {
        if (scalar) {
            return "scalar";
        }
        return type.label() + (dims.size() > 1 ? dims.toString().replace(", ", "×") : "[" + length + "]");
    }
}
