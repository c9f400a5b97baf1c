package dev.lanes.core.report;

/**
 * The unit a chart's time axis reads in: the largest of ns, µs, ms and s in which its
 * largest value is at least 1, so ticks read "120 ms", not "1.2e8 ns".
 */
record TimeScale(String unit, double nanosPerUnit) {

    static TimeScale forMax(double maxNanos) {
        if (maxNanos >= 1e9) {
            return new TimeScale("s", 1e9);
        }
        if (maxNanos >= 1e6) {
            return new TimeScale("ms", 1e6);
        }
        if (maxNanos >= 1e3) {
            return new TimeScale("µs", 1e3);
        }
        return new TimeScale("ns", 1);
    }

    double of(double nanos) {
        return nanos / nanosPerUnit;
    }

    /** e.g. "time per execution (ms)". */
    String axisLabel(String what) {
        return what + " (" + unit + ")";
    }
}
