package dev.lanes.core.result;

import java.util.List;

/**
 * One swept parameter's value at a sweep point.
 *
 * @param name  {@code STAGE.PARAM}
 * @param value a whole number (Long), a number (Double), a word, a boolean or a list of them
 */
public record PointParam(String name, Object value) {

    public PointParam {
        value = normalize(value);
    }

    /** Numbers as Long or Double whatever type they came as, so equal values compare equal after a read. */
    private static Object normalize(Object value) {
        return switch (value) {
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Float f -> (double) f;
            case List<?> list -> list.stream().map(PointParam::normalize).toList();
            case null, default -> value;
        };
    }

    /** The value as a number, or {@code null} when it is not one. */
    public Double number() {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
