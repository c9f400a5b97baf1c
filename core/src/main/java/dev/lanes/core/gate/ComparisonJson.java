package dev.lanes.core.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** A comparison as JSON for tools, {@value #SCHEMA} first. */
public final class ComparisonJson {
    public static final String SCHEMA = "lanes.compare/1";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ComparisonJson() {
    }

    private record Document(String schema, Comparison comparison) {
    }

    public static String write(Comparison c) {
        try {
            return MAPPER.writeValueAsString(new Document(SCHEMA, c)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("comparisons always serialise", e);
        }
    }
}
