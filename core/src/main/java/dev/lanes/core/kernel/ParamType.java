package dev.lanes.core.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.core.text.SizeLiteral;

import java.util.List;
import java.util.Locale;

/** The closed set of parameter types a kernel can declare; each parses a spec value. */
public sealed interface ParamType {

    /** Parses a spec value or throws {@link IllegalArgumentException} with a printable message. */
    Object parse(JsonNode node);

    /** What a valid value looks like, for help and errors. */
    String describe();

    /** An element count or length: size literals, bounded. */
    /**
     * A count or length, e.g. {@code 1M}.
     *
     * @param quickMax the most {@code --quick} lets it be: a length caps at 64Ki elements, a
     *                 matrix dimension far lower (a 64Ki² product is no smoke run)
     */
    record Size(long min, long max, long quickMax) implements ParamType {

        public Size(long min, long max) {
            this(min, max, dev.lanes.core.Defaults.QUICK_MAX_SIZE);
        }

        @Override
        public Object parse(JsonNode node) {
            long value;
            if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    throw new IllegalArgumentException("size " + node.asText() + " is too large");
                }
                value = node.longValue();
            } else if (node.isNumber() || node.isTextual()) {
                value = SizeLiteral.parse(node.asText());
            } else {
                throw new IllegalArgumentException("expected a size such as 1M, got " + kind(node));
            }
            if (value < min) {
                throw new IllegalArgumentException("must be at least " + min + ", got " + value);
            }
            if (value > max) {
                throw new IllegalArgumentException("must be at most " + max + " (" + SizeLiteral.format(max)
                    + "), got " + value + " (" + SizeLiteral.format(value) + ")");
            }
            return value;
        }

        @Override
        public String describe() {
            return "size " + SizeLiteral.format(min) + ".." + SizeLiteral.format(max);
        }
    }

    /** A list of sizes, such as the widths of a network's layers. */
    record SizeList(int minCount, long min, long max) implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a list of sizes such as [784, 512, 10], got " + kind(node));
            }
            if (node.size() < minCount) {
                throw new IllegalArgumentException("expected at least " + minCount + " sizes, got " + node.size());
            }
            Size element = new Size(min, max);
            List<Long> values = new java.util.ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                try {
                    values.add((Long) element.parse(node.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("entry " + (i + 1) + ": " + e.getMessage());
                }
            }
            return List.copyOf(values);
        }

        @Override
        public String describe() {
            return "list of " + minCount + "+ sizes " + SizeLiteral.format(min) + ".." + SizeLiteral.format(max);
        }
    }

    /** A whole number such as a seed. */
    record Integer(long min, long max) implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new IllegalArgumentException("expected a whole number, got " + kind(node));
            }
            long value = node.longValue();
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be in " + min + ".." + max + ", got " + value);
            }
            return value;
        }

        @Override
        public String describe() {
            return "integer";
        }
    }

    /** A finite real number. */
    record Real() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            double value;
            if (node.isNumber()) {
                value = node.doubleValue();
            } else if (node.isTextual()) {
                try {
                    value = Double.parseDouble(node.asText().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, got '" + node.asText() + "'");
                }
            } else {
                throw new IllegalArgumentException("expected a number, got " + kind(node));
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("must be finite, got " + value);
            }
            return value;
        }

        @Override
        public String describe() {
            return "number";
        }
    }

    /** One of a fixed list of words. */
    record Choice(List<String> values) implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", values) + ", got " + kind(node));
            }
            String value = node.asText().strip().toLowerCase(Locale.ROOT);
            if (!values.contains(value)) {
                String hint = dev.lanes.core.text.Suggestions.didYouMean(value, values);
                throw new IllegalArgumentException("expected one of " + String.join(", ", values)
                    + ", got '" + node.asText() + "'" + hint);
            }
            return value;
        }

        @Override
        public String describe() {
            return String.join("|", values);
        }
    }

    /**
     * A file's path. In a spec it is relative to the spec's folder; given with {@code --set},
     * to the current directory (as a shell user means it). The loader resolves it; the value
     * a kernel sees is absolute.
     */
    record FilePath() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new IllegalArgumentException("expected a file path, got " + kind(node));
            }
            return node.asText();
        }

        @Override
        public String describe() {
            return "file path";
        }
    }

    /** Free text, e.g. a shell command. */
    record Text() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new IllegalArgumentException("expected text, got " + kind(node));
            }
            return node.asText();
        }

        @Override
        public String describe() {
            return "text";
        }
    }

    /**
     * A command: a list of words (an argument list, run as it is) or one string (split on
     * spaces, or given whole to {@code sh -c} when the stage asks for a shell).
     */
    record Words() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (node.isTextual() && !node.asText().isBlank()) {
                return List.of(node.asText());
            }
            if (!node.isArray() || node.isEmpty()) {
                throw new IllegalArgumentException("expected a command: a list of words such as [gzip, -6, \"{input}\"] "
                    + "or a string, got " + kind(node));
            }
            List<String> words = new java.util.ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode w = node.get(i);
                if (!w.isValueNode() || w.isNull()) {
                    throw new IllegalArgumentException("word " + (i + 1) + ": expected text, got " + kind(w));
                }
                words.add(w.asText());
            }
            if (words.get(0).isBlank()) {
                throw new IllegalArgumentException("the program (word 1) is empty");
            }
            return List.copyOf(words);
        }

        @Override
        public String describe() {
            return "command (list of words, or a string)";
        }
    }

    /** true or false. */
    record Flag() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("expected true or false, got " + kind(node));
            }
            return node.booleanValue();
        }

        @Override
        public String describe() {
            return "true|false";
        }
    }

    /** A mapping of names to text, such as environment variables. */
    record TextMap() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("expected a mapping such as { LC_ALL: C }, got " + kind(node));
            }
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            for (var e : node.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new IllegalArgumentException(e.getKey() + ": expected text, got " + kind(e.getValue()));
                }
                values.put(e.getKey(), e.getValue().asText());
            }
            return java.util.Collections.unmodifiableMap(values);
        }

        @Override
        public String describe() {
            return "mapping of names to text";
        }
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1.5h}; the value is in nanoseconds. */
    record Duration(long minNanos, long maxNanos) implements ParamType {
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h)");

        @Override
        public Object parse(JsonNode node) {
            java.util.regex.Matcher m = FORM.matcher(node.isValueNode() ? node.asText().strip() : "");
            if (!node.isTextual() || !m.matches()) {
                throw new IllegalArgumentException("expected a duration such as 30s, 500ms or 2m, got " + kind(node));
            }
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            double nanos = Double.parseDouble(m.group(1)) * unit;
            if (nanos < minNanos || nanos > maxNanos) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "must be between %.3g s and %.3g s, got %s",
                    minNanos / 1e9, maxNanos / 1e9, node.asText()));
            }
            return (long) nanos;
        }

        @Override
        public String describe() {
            return "duration (e.g. 30s, 500ms)";
        }
    }

    /**
     * A folder, e.g. where a command runs. Relative to the spec's folder as a {@link FilePath}
     * is, but not a data file: nothing reads or digests it.
     */
    record Folder() implements ParamType {
        @Override
        public Object parse(JsonNode node) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new IllegalArgumentException("expected a folder, got " + kind(node));
            }
            return node.asText();
        }

        @Override
        public String describe() {
            return "folder";
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return "'" + node.asText() + "'";
    }
}
