package dev.lanes.core.gate;

import java.util.Locale;

/** Other tools' time units in nanoseconds. */
final class TimeUnits {
    private TimeUnits() {
    }

    /** Nanoseconds in one "ns", "us" (or "µs"), "ms", "s", "min"; NaN for anything else. */
    static double nanos(String unit) {
        return switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "ns" -> 1;
            case "us", "µs", "μs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> Double.NaN;
        };
    }
}
