package dev.lanes.core.run;

import dev.lanes.core.stats.GrowthFit;

/** How one stage's time grows with its size over a size sweep, on one backend and thread count. */
public record GrowthResult(String stage, String backend, int threads, GrowthFit fit) {
}
