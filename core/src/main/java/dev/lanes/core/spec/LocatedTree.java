package dev.lanes.core.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed spec with the source position of every value, by JSON pointer
 * ({@code /stages/1/kernel}), so validation errors can say {@code file:line:column}.
 * Jackson's tree model drops positions, so a second, streaming pass over the same text
 * records them.
 */
final class LocatedTree {
    private final String file;
    private final JsonNode root;
    private final Map<String, SourceLocation> values;
    private final Map<String, SourceLocation> keys;
    private final Map<String, SourceLocation> overridden = new HashMap<>();

    private LocatedTree(String file, JsonNode root, Map<String, SourceLocation> values, Map<String, SourceLocation> keys) {
        this.file = file;
        this.root = root;
        this.values = values;
        this.keys = keys;
    }

    static LocatedTree parse(String file, String text, boolean yaml) {
        JsonFactory factory = (yaml ? YAMLFactory.builder() : JsonFactory.builder())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        try {
            JsonNode root = mapper.readTree(text);
            Map<String, SourceLocation> values = new HashMap<>();
            Map<String, SourceLocation> keys = new HashMap<>();
            try (JsonParser parser = factory.createParser(text)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    JsonLocation at = parser.currentTokenLocation();
                    SourceLocation location = SourceLocation.of(file, at.getLineNr(), at.getColumnNr());
                    if (token == JsonToken.FIELD_NAME) {
                        keys.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), location);
                    } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        values.putIfAbsent(parser.getParsingContext().getParent().pathAsPointer().toString(), location);
                    } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                        values.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), location);
                    }
                }
            }
            return new LocatedTree(file, root == null ? mapper.nullNode() : root, values, keys);
        } catch (JsonProcessingException e) {
            Optional<YamlProblems.Problem> problem = yaml ? YamlProblems.of(e) : Optional.empty();
            if (problem.isPresent()) {
                YamlProblems.Problem p = problem.get();
                throw new SpecException(SourceLocation.of(file, p.line(), p.column()), "malformed YAML: " + p.message());
            }
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null
                ? SourceLocation.of(file, 1, 1)
                : SourceLocation.of(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            String message = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            throw new SpecException(location, (yaml ? "malformed YAML: " : "malformed JSON: ") + message);
        } catch (IOException e) {
            throw new SpecException(SourceLocation.of(file, 1, 1), "cannot read: " + e.getMessage());
        }
    }

    JsonNode root() {
        return root;
    }

    String file() {
        return file;
    }

    /** Whether the value at a pointer was set on the command line ({@code --set}). */
    boolean fromCommandLine(String pointer) {
        return overridden.containsKey(pointer);
    }

    /** Marks a pointer as set from the command line, so errors there point at the option. */
    void overriddenAt(String pointer, SourceLocation where) {
        overridden.put(pointer, where);
    }

    /** Where the value at a pointer came from; falls back to the nearest enclosing value. */
    SourceLocation valueAt(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            SourceLocation o = overridden.get(p);
            if (o != null) {
                return o;
            }
            SourceLocation l = values.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return SourceLocation.of(file, 1, 1);
            }
        }
    }

    /** Where the key of a mapping entry is written; falls back to its value. */
    SourceLocation keyAt(String pointer) {
        SourceLocation o = overridden.get(pointer);
        if (o != null) {
            return o;
        }
        SourceLocation key = keys.get(pointer);
        return key != null ? key : valueAt(pointer);
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }
}
