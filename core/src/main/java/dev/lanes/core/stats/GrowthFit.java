package dev.lanes.core.stats;

import java.util.List;

/**
 * How time grows with problem size across a size sweep: the least-squares line through
 * (log n, log T) gives T ≈ c·n^exponent. An exponent near 1 is linear work; far below 1
 * says fixed overheads dominate; above 1, the data left a cache level or the work is
 * superlinear.
 *
 * @param rSquared the share of the variance of log T the line explains
 */
public record GrowthFit(double exponent, double rSquared, int points) {

    /** Fits (elements, median nanoseconds) pairs; needs at least two distinct sizes. */
    public static GrowthFit of(List<double[]> elementsAndNanos) {
        int n = elementsAndNanos.size();
        double sx = 0;
        double sy = 0;
        for (double[] p : elementsAndNanos) {
            sx += Math.log(p[0]);
            sy += Math.log(p[1]);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : elementsAndNanos) {
            double dx = Math.log(p[0]) - mx;
            double dy = Math.log(p[1]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a growth fit needs at least two distinct sizes");
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new GrowthFit(slope, r2, n);
    }
}
