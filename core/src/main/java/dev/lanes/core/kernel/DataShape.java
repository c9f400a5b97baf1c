package dev.lanes.core.kernel;

import dev.lanes.core.data.ElementType;

/** The shape of a value before it exists: an array of a type and length, or a scalar. */
public record DataShape(ElementType type, long length, boolean scalar) {

    public static DataShape array(ElementType type, long length) {
        return new DataShape(type, length, false);
    }

    public static DataShape scalarF64() {
        return new DataShape(ElementType.F64, 1, true);
    }

    /** Bytes the value occupies in memory. */
    public long bytes() {
        return scalar ? 0 : length * type.bytes();
    }

    public String describe() {
        return scalar ? "scalar" : type.label() + "[" + length + "]";
    }
}
