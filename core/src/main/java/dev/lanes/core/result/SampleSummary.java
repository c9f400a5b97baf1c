package dev.lanes.core.result;

import dev.lanes.core.stats.Summary;

/**
 * Order statistics and moments of a point's samples, in nanoseconds.
 *
 * @param ciLowNanos  low end of the distribution-free confidence interval of the median
 * @param ciLevel     the confidence that interval has: 0.95, or less with fewer than 6 samples
 */
public record SampleSummary(int count, double medianNanos, double meanNanos, double stddevNanos, long minNanos,
                            long maxNanos, double ciLowNanos, double ciHighNanos, double ciLevel) {

    /** The summary of these samples: the statistics of {@link Summary}, as the result records them. */
    public static SampleSummary of(long[] samplesNanos) {
        Summary s = Summary.of(samplesNanos);
        return new SampleSummary(s.count(), s.medianNanos(), s.meanNanos(), s.stddevNanos(), s.minNanos(), s.maxNanos(),
            s.medianInterval().lowNanos(), s.medianInterval().highNanos(), s.medianInterval().level());
    }

    /** Standard deviation over mean. */
    public double coefficientOfVariation() {
        return meanNanos == 0 ? 0 : stddevNanos / meanNanos;
    }
}
