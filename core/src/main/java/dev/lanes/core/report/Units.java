package dev.lanes.core.report;

import java.util.Locale;

/** Human formatting of times, rates and ratios for the text formats. */
final class Units {
    private Units() {
    }

    /** Three significant digits in ns, µs, ms or s. */
    static String duration(double nanos) {
        if (nanos < 1e3) {
            return sig(nanos) + " ns";
        }
        if (nanos < 1e6) {
            return sig(nanos / 1e3) + " µs";
        }
        if (nanos < 1e9) {
            return sig(nanos / 1e6) + " ms";
        }
        return sig(nanos / 1e9) + " s";
    }

    /** A rate or count with an SI prefix: 6.52G, 830M, 12.0k. */
    static String count(double v) {
        String[] prefixes = {"", "k", "M", "G", "T", "P"};
        int p = 0;
        while (v >= 1000 && p < prefixes.length - 1) {
            v /= 1000;
            p++;
        }
        return sig(v) + prefixes[p];
    }

    static String sig(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String scientific(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
