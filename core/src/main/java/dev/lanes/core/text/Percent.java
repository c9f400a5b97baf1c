package dev.lanes.core.text;

import java.util.Locale;

/** Percentages as people write thresholds: {@code 5%}, {@code 2.5%}; always with the sign, so 5 and 0.05 cannot be confused. */
public final class Percent {
    private Percent() {
    }

    /**
     * @return the fraction, e.g. 0.05 for "5%"
     * @throws IllegalArgumentException with a message fit to print, for anything but a percentage in (0%, 1000%]
     */
    public static double parse(String text) {
        String s = text.strip();
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException("expected a percentage such as 5%, got '" + text + "'");
        }
        double value;
        try {
            value = Double.parseDouble(s.substring(0, s.length() - 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a percentage such as 5%, got '" + text + "'");
        }
        if (!(value > 0) || value > 1000) {
            throw new IllegalArgumentException("a threshold must be above 0% and at most 1000%, got '" + text + "'");
        }
        return value / 100;
    }

    /** 0.05 → "5%", 0.025 → "2.5%". */
    public static String format(double fraction) {
        double pct = fraction * 100;
        return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct) : String.format(Locale.ROOT, "%.3g", pct)) + "%";
    }
}
