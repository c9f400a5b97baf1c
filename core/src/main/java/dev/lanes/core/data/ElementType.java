package dev.lanes.core.data;

import java.util.Locale;

/** Element types of data arrays, with their size and unit roundoff. */
public enum ElementType {
    F32(Float.BYTES, 0x1p-24),
    F64(Double.BYTES, 0x1p-53),
    /** Integers: exact, so no roundoff. */
    I64(Long.BYTES, 0);

    private final int bytes;
    private final double unitRoundoff;

    ElementType(int bytes, double unitRoundoff) {
        this.bytes = bytes;
        this.unitRoundoff = unitRoundoff;
    }

    public int bytes() {
        return bytes;
    }

    /** u = 2^-p: the largest relative error of one rounding to nearest. */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    public boolean floating() {
        return this != I64;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
