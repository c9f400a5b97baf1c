package dev.lanes.core.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The output formats, by the name {@code --format} takes. */
public enum Format {
    TABLE {
        @Override
        public ResultFormat renderer() {
            return new TableFormat();
        }
    },
    JSON {
        @Override
        public ResultFormat renderer() {
            return new JsonFormat();
        }
    };

    public abstract ResultFormat renderer();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Format::label).toList();
    }

    public static Optional<Format> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(text.strip())).findFirst();
    }
}
