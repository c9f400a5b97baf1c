package dev.lanes.core.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The output formats, by the name {@code --format} takes and the file extensions that imply them. */
public enum Format {
    TABLE(List.of(".txt")) {
        @Override
        public ResultFormat renderer() {
            return new TableFormat();
        }
    },
    JSON(List.of(".json")) {
        @Override
        public ResultFormat renderer() {
            return new JsonFormat();
        }
    },
    CSV(List.of(".csv")) {
        @Override
        public ResultFormat renderer() {
            return new CsvFormat();
        }
    },
    MARKDOWN(List.of(".md", ".markdown")) {
        @Override
        public ResultFormat renderer() {
            return new MarkdownFormat();
        }
    },
    HTML(List.of(".html", ".htm")) {
        @Override
        public ResultFormat renderer() {
            return new HtmlFormat();
        }
    };

    private final List<String> extensions;

    Format(List<String> extensions) {
        this.extensions = extensions;
    }

    public abstract ResultFormat renderer();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> extensions() {
        return extensions;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Format::label).toList();
    }

    public static Optional<Format> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(text.strip())).findFirst();
    }

    /** The format a file name's extension names, e.g. r.csv → CSV. */
    public static Optional<Format> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.stream().anyMatch(lower::endsWith)).findFirst();
    }

    /** Every extension known, e.g. ".txt, .json, .csv, .md, .markdown". */
    public static String knownExtensions() {
        return String.join(", ", Arrays.stream(values()).flatMap(f -> f.extensions.stream()).toList());
    }
}
