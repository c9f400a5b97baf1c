package dev.lanes.core.result;

/** Rates at the median time. GB are 10^9 bytes, as hardware bandwidth is quoted. */
public record Throughput(double elementsPerSecond, double gigabytesPerSecond, double gflopsPerSecond) {

    /** The rates of this work done in {@code nanos}; zero rates for a zero time. */
    public static Throughput of(long elements, double flops, double bytesMoved, double nanos) {
        double seconds = nanos / 1e9;
        if (seconds <= 0) {
            return new Throughput(0, 0, 0);
        }
        return new Throughput(elements / seconds, bytesMoved / seconds / 1e9, flops / seconds / 1e9);
    }
}
