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
        return p < 1e-6 ? "p < 1e-6"
            : "p = " + new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
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
