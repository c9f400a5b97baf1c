package dev.lanes.core.spec;

import dev.lanes.core.kernel.Params;
import dev.lanes.core.text.PointText;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep: a value for every swept {@code stage.param}, in the order of the
 * spec's sweep axes. A workload without a sweep has one empty point.
 *
 * @param weakThreads at a point of a weak-scaling sweep, the thread count its weak stage runs at
 *                    (its parameter is that many times the base); 0 elsewhere
 */
public record SweepPoint(int index, Map<String, Object> values, int weakThreads) {

    public SweepPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public SweepPoint(int index, Map<String, Object> values) {
        this(index, values, 0);
    }

    /** The stage's parameters with this point's values applied. */
    public Params paramsFor(Stage stage) {
        Params params = stage.params();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String prefix = stage.id() + ".";
            if (e.getKey().startsWith(prefix)) {
                params = params.with(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return params;
    }

    /** e.g. "data.length=1M", or "" for no sweep: as every report writes the point. */
    public String label() {
        return PointText.of(java.util.List.copyOf(values.entrySet()));
    }
}
