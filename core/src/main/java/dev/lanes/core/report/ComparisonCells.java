package dev.lanes.core.report;

import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.text.Percent;

import java.util.Locale;

/** How a compared point reads in every comparison format. */
final class ComparisonCells {
    private ComparisonCells() {
    }

    /** "+7.3% [+5.1%, +9.6%]". */
    static String change(PointComparison p) {
        return percent(p.ratio()) + " [" + percent(p.ratioLow()) + ", " + percent(p.ratioHigh()) + "]";
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /** "p = 0.0004", "p < 1e-6". */
    static String p(double p) {
        return probability("p", p);
    }

    /** e.g. "q = 0.002": a probability under its name, two significant digits. */
    static String probability(String name, double p) {
        return p < 1e-6 ? name + " < 1e-6" : name + " = " + number(p);
    }

    /** "0.0004", "<1e-6": a probability alone, for a table cell. */
    static String number(double p) {
        return p < 1e-6 ? "<1e-6"
            : new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** "+7.3% [+5.1%, +9.6%] > 5%, p = 0.0004": what a failure says. */
    static String reason(PointComparison p) {
        String relation = switch (p.verdict()) {
            case REGRESSED -> " > ";
            case IMPROVED -> " < -";
            case UNCHANGED -> " within ±";
            default -> " straddles ";
        };
        return change(p) + relation + Percent.format(p.threshold()) + ", " + p(p.pAdjusted());
    }

    /** "squares (threads(simd) x2, data.length=1M)". */
    static String point(PointComparison p) {
        return Cells.stagePoint(p.key());
    }
}
