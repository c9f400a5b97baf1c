package dev.lanes.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.run.RunResult;

/** The run as JSON: every sample, every summary, the machine; {@code schema} first. */
public final class JsonFormat implements ResultFormat {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();

    @Override
    public String render(RunResult result) {
        try {
            return MAPPER.writeValueAsString(result) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run results always serialise", e);
        }
    }
}
