package dev.lanes.core.result;

import java.util.List;

/**
 * How one stage's time grows with a swept parameter, on one implementation: the
 * least-squares line through (log value, log median) gives time ∝ value^exponent.
 *
 * @param param    the swept parameter, {@code STAGE.PARAM}, e.g. "product.n" or "data.length"
 * @param point    the other sweep values, fixed for this fit
 * @param sizes    the parameter's values and the median at each
 * @param exponent {@code null} with fewer than three sizes
 * @param rSquared share of the variance of log time the line explains; {@code null} without a fit
 * @param note     why there is no fit, when there is none
 */
public record SizeGrowthRow(String stage, String param, List<PointParam> point, String backend, String inner, int threads,
                            List<Entry> sizes, Double exponent, Interval exponentCi, Double rSquared, String note)
    implements DerivedRow {

    public SizeGrowthRow {
        point = List.copyOf(point);
        sizes = List.copyOf(sizes);
    }

    public record Entry(double value, double medianNanos) {
    }
}
