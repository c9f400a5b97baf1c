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
