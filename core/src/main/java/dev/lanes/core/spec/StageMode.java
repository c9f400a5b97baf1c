package dev.lanes.core.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a workload's stages are scheduled ({@code settings.stages}, {@code --stages}): one at a
 * time, or the independent ones of each ready set together on a shared thread budget (the
 * serial measurements are made as well, so the two schedules compare within one run).
 */
public enum StageMode {
    SERIAL, CONCURRENT;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StageMode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.label().equals(text)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(StageMode::label).toList();
    }
}
