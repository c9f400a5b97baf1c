package dev.lanes.core.gate;

/** What a comparison says of one stage point. */
public enum Verdict {
    /** Significant, and the whole interval of the change lies above the threshold. */
    REGRESSED,
    /** Significant, and the whole interval lies below the threshold's mirror (1 / (1 + threshold)). */
    IMPROVED,
    /** The whole interval lies inside the threshold either way. */
    UNCHANGED,
    /** The interval straddles the threshold: the measurement cannot tell. */
    INCONCLUSIVE,
    /** Inconclusive, and either side's samples vary more than the noise bound: measure again more quietly. */
    NOISY,
    /** Moved with nearly every other point by a similar ratio: the machine, not the program. */
    DRIFT;

    public String label() {
        return name();
    }
}
