package dev.lanes.core.exec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time an execution spent in each named part of its task ({@link BlockTask#phase()}),
 * wall-clock from the phase's first block to its last, its prerequisites excluded; the same
 * phase in several steps adds up. Used by one measuring thread at a time.
 */
public final class PhaseClock {
    private final Map<String, Long> execution = new LinkedHashMap<>();

    void add(String phase, long nanos) {
        execution.merge(phase, nanos, Long::sum);
    }

    /** This execution's time per phase, in the order the phases first ran; the clock starts again. */
    public Map<String, Long> take() {
        if (execution.isEmpty()) {
            return Map.of();                      // most tasks name no phase: nothing to copy per sample
        }
        Map<String, Long> taken = new LinkedHashMap<>(execution);
        execution.clear();
        return taken;
    }
}
