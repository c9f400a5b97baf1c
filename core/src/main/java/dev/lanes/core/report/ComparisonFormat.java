package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.ComparisonJson;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The formats of a comparison, by {@code --format} name and file extension. */
public enum ComparisonFormat {
    TABLE(".txt", ComparisonTable::render),
    MARKDOWN(".md", ComparisonMarkdown::render),
    JSON(".json", ComparisonJson::write),
    JUNIT(".xml", JUnitXml::render),
    HTML(".html", ComparisonHtml::render);

    private final String extension;
    private final Function<Comparison, String> renderer;

    ComparisonFormat(String extension, Function<Comparison, String> renderer) {
        this.extension = extension;
        this.renderer = renderer;
    }

    public String render(Comparison c) {
        return renderer.apply(c);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(ComparisonFormat::label).toList();
    }

    public static Optional<ComparisonFormat> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(text.strip())).findFirst();
    }

    public static Optional<ComparisonFormat> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> lower.endsWith(f.extension)
            || f == MARKDOWN && lower.endsWith(".markdown")).findFirst();
    }
}
