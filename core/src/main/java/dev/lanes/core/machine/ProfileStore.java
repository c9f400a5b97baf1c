package dev.lanes.core.machine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.report.OutputFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Calibrations kept per machine under the user's cache folder ({@code $XDG_CACHE_HOME/lanes},
 * else {@code ~/.cache/lanes}), one file per fingerprint. A file that cannot be read, or is
 * of another schema or machine, is ignored with a warning, never a crash; writes are atomic,
 * so concurrent runs never see half a file.
 */
public final class ProfileStore {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private final Path dir;
    private final Consumer<String> warnings;

    public ProfileStore(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** The default folder for this user. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lanes");
    }

    public Path fileFor(String fingerprint) {
        return dir.resolve("profile-" + fingerprint + ".json");
    }

    public Optional<MachineProfile> load(String fingerprint) {
        Path file = fileFor(fingerprint);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var tree = MAPPER.readTree(file.toFile());
            String schema = tree.path("schema").asText("(none)");
            if (!MachineProfile.SCHEMA.equals(schema)) {
                warnings.accept(file + ": a profile of schema '" + schema + "', not " + MachineProfile.SCHEMA + "; ignored, recalibrating");
                return Optional.empty();
            }
            MachineProfile p = MAPPER.treeToValue(tree, MachineProfile.class);
            if (!fingerprint.equals(p.fingerprint())) {
                warnings.accept(file + ": a profile of another machine; ignored, recalibrating");
                return Optional.empty();
            }
            if (!(p.simdMemoryGbps() >= 0 && p.scalarMemoryGbps() > 0 && p.memoryGbpsAll() > 0 && p.cores() > 0)) {
                warnings.accept(file + ": a profile with impossible figures; ignored, recalibrating");
                return Optional.empty();
            }
            return Optional.of(p);
        } catch (IOException | RuntimeException e) {
            warnings.accept(file + ": unreadable profile (" + e.getClass().getSimpleName() + "); ignored, recalibrating");
            return Optional.empty();
        }
    }

    public void save(MachineProfile profile) {
        try {
            Files.createDirectories(dir);
            OutputFile.write(fileFor(profile.fingerprint()), MAPPER.writeValueAsString(profile) + System.lineSeparator());
        } catch (IOException | RuntimeException e) {
            warnings.accept("could not save the calibration to " + dir + ": " + e.getMessage());
        }
    }

    public static String toJson(MachineProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("profiles always serialise", e);
        }
    }
}
