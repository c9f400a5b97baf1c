package dev.lanes.core.kernel;

/**
 * What one execution of a stage must do, from its sizes: the cost model and throughput
 * figures use it.
 *
 * @param elements    elements processed (for elements/s)
 * @param flops       floating-point operations (an FMA counts 2)
 * @param bytesMoved  the fewest bytes that must move to and from memory: each input read
 *                    once, each output written once
 * @param opKind      for work that is neither floating-point arithmetic nor memory traffic
 *                    (integer rounds of a generator or a hash), what one op is — e.g.
 *                    {@value #RANDOM_POINT}; calibration measures how many a core does per
 *                    second with the kernel's own code. {@code null} when there is none.
 * @param ops         how many such ops
 * @param bytesWritten how many of {@code bytesMoved} are written: a stream that writes is held
 *                    against the read-write (triad) bandwidth of its level, one that only reads
 *                    against the read bandwidth
 */
public record Work(long elements, double flops, double bytesMoved, String opKind, double ops, double bytesWritten) {
    /** One Monte Carlo point: two counter-based uniforms (SplitMix64 rounds), two squares, a compare. */
    public static final String RANDOM_POINT = "random-point";
    /** One 64-byte SHA-256 compression. */
    public static final String SHA256_BLOCK = "sha256-block";
    /** One key sorted: its share of the sort's radix passes, merge rounds and decode. */
    public static final String SORT_KEY = "sort-key";
    /** One value binned and counted: its bin's computation and the scattered increment that neither FLOPs nor bytes describe. */
    public static final String HISTOGRAM_VALUE = "histogram-value";

    /** Work that only reads (or whose writes are too few to matter). */
    public Work(long elements, double flops, double bytesMoved, String opKind, double ops) {
        this(elements, flops, bytesMoved, opKind, ops, 0);
    }

    /** Floating-point and memory work only, read only. */
    public Work(long elements, double flops, double bytesMoved) {
        this(elements, flops, bytesMoved, null, 0);
    }

    /** The same work, {@code bytes} of its traffic written. */
    public Work writing(double bytes) {
        return new Work(elements, flops, bytesMoved, opKind, ops, bytes);
    }
}
