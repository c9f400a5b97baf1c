package dev.lanes.core.spec;

import java.util.List;

/** One swept parameter: {@code stage.param} and the validated values it takes. */
public record SweepAxis(String stage, String param, List<Object> values) {

    public SweepAxis {
        values = List.copyOf(values);
    }

    public String key() {
        return stage + "." + param;
    }
}
