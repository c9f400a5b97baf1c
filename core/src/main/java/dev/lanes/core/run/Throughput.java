package dev.lanes.core.run;

import dev.lanes.core.kernel.Work;

/** Rates at the median time. GB are 10^9 bytes, as hardware bandwidth is quoted. */
public record Throughput(double elementsPerSecond, double gigabytesPerSecond, double gflopsPerSecond) {

    public static Throughput of(Work work, double nanos) {
        double seconds = nanos / 1e9;
        if (seconds <= 0) {
            return new Throughput(0, 0, 0);
        }
        return new Throughput(work.elements() / seconds, work.bytesMoved() / seconds / 1e9, work.flops() / seconds / 1e9);
    }
}
