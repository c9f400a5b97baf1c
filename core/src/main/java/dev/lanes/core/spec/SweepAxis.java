package dev.lanes.core.spec;

import java.util.List;

/**
 * One swept parameter: {@code stage.param} and the validated values it takes.
 *
 * @param zip the zip group it belongs to (its values vary together with the group's other
 *            parameters, position by position), or {@code null} for an axis of its own, which
 *            multiplies with the others
 */
public record SweepAxis(String stage, String param, List<Object> values, String zip) {

    public SweepAxis {
        values = List.copyOf(values);
    }

    /** An axis of its own. */
    public SweepAxis(String stage, String param, List<Object> values) {
        this(stage, param, values, null);
    }

    public String key() {
        return stage + "." + param;
    }

    /** The group it varies with: its zip, or itself. */
    String group() {
        return zip != null ? "zip " + zip : "axis " + key();
    }

    SweepAxis withValues(List<Object> newValues) {
        return new SweepAxis(stage, param, newValues, zip);
    }
}
