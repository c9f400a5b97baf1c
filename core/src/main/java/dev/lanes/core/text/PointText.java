package dev.lanes.core.text;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a sweep point and its values read, the same in the progress line, the plan, every
 * report and every message: "data.length=1M,type=f32"; counts as {@link SizeLiteral#readable}.
 */
public final class PointText {
    private PointText() {
    }

    /** e.g. "product.n=1024,type=f32"; "" for no sweep. */
    public static String of(List<Map.Entry<String, Object>> values) {
        return values.stream().map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining(","));
    }

    /** A value: a count as 1M or 1024, a list as "[1 2 3]", anything else as itself. */
    public static String value(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return SizeLiteral.readable(((Number) v).longValue());
        }
        if (v instanceof List<?> list) {
            return list.stream().map(PointText::value).collect(Collectors.joining(" ", "[", "]"));
        }
        return String.valueOf(v);
    }
}
