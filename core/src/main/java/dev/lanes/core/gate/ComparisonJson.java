package dev.lanes.core.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.UsageException;

/** A comparison as JSON for tools, {@value #SCHEMA} first; read back strictly, for {@code lanes report}. */
public final class ComparisonJson {
    public static final String SCHEMA = "lanes.compare/1";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).build();

    private ComparisonJson() {
    }

    private record Document(String schema, Comparison comparison) {
    }

    /** Whether a file's JSON is a comparison (its schema says so), as opposed to run results. */
    public static boolean isComparison(JsonNode tree) {
        return tree.isObject() && tree.path("schema").asText().startsWith("lanes.compare/");
    }

    /** A comparison file's comparison; one line naming the file and what is wrong otherwise (exit 2). */
    public static Comparison read(String name, JsonNode tree) {
        String schema = tree.path("schema").asText();
        if (!schema.equals(SCHEMA)) {
            throw new UsageException(name + ": a '" + schema + "' file; this lanes reads " + SCHEMA);
        }
        try {
            return MAPPER.treeToValue(tree, Document.class).comparison();
        } catch (JsonProcessingException e) {
            throw new UsageException(name + ": not a readable " + SCHEMA + " file: "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    public static String write(Comparison c) {
        try {
            return MAPPER.writeValueAsString(new Document(SCHEMA, c)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("comparisons always serialise", e);
        }
    }
}
