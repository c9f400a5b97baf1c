package dev.lanes.core.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.io.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A JSON file lanes keeps between runs (calibrations, wisdom): read with a schema check,
 * anything unreadable or foreign ignored with a warning, written atomically.
 */
final class CacheFile<T> {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private final Path file;
    private final Class<T> type;
    private final String schema;
    private final String what;
    private final Consumer<String> warnings;

    CacheFile(Path file, Class<T> type, String schema, String what, Consumer<String> warnings) {
        this.file = file;
        this.type = type;
        this.schema = schema;
        this.what = what;
        this.warnings = warnings;
    }

    Path path() {
        return file;
    }

    Optional<T> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            String found = tree.path("schema").asText("(none)");
            if (!schema.equals(found)) {
                warnings.accept(file + ": a " + what + " of schema '" + found + "', not " + schema + "; ignored");
                return Optional.empty();
            }
            return Optional.of(MAPPER.treeToValue(tree, type));
        } catch (IOException | RuntimeException e) {
            warnings.accept(file + ": unreadable " + what + " (" + e.getClass().getSimpleName() + "); ignored");
            return Optional.empty();
        }
    }

    /** Writes the file atomically; false, with a warning, when it could not. */
    boolean write(T value) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, MAPPER.writeValueAsString(value) + System.lineSeparator());
            return true;
        } catch (IOException | RuntimeException e) {
            warnings.accept("could not save the " + what + " to " + file + ": " + e.getMessage());
            return false;
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warnings.accept("could not delete " + file + ": " + e.getMessage());
        }
    }
}
