package dev.lanes.core.data;

/**
 * What a stage produces and later stages consume: an array of f32, f64 or i64, or a scalar.
 * Arrays are shared, not copied; a kernel that updates its input in place says so.
 */
public sealed interface Value permits F32Array, F64Array, I64Array, Scalar {

    /** A number that depends on every element, reported so no output is dead code. */
    double checksum();

    /** Elements held (1 for a scalar). */
    long length();

    /** Element type; a scalar reports F64. */
    ElementType type();

    /** A short human description, e.g. "f64[1000000]" or "2.5e7". */
    String describe();
}
