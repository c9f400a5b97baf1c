package dev.lanes.core.store;

import dev.lanes.core.UsageException;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.machine.MachineProfile;
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
        return file(fingerprint).path();
    }

    public Optional<MachineProfile> load(String fingerprint) {
        Optional<MachineProfile> read = file(fingerprint).read().map(p -> p);
        if (read.isEmpty()) {
            return read;
        }
        MachineProfile p = read.get();
        if (!fingerprint.equals(p.fingerprint())) {
            warnings.accept(fileFor(fingerprint) + ": a profile of another machine; ignored, recalibrating");
            return Optional.empty();
        }
        if (!(p.simdMemoryGbps() >= 0 && p.scalarMemoryGbps() > 0 && p.memoryGbpsAll() > 0 && p.cores() > 0)) {
            warnings.accept(fileFor(fingerprint) + ": a profile with impossible figures; ignored, recalibrating");
            return Optional.empty();
        }
        return read;
    }

    /** Keeps the profile for later runs; false, with a warning, when it could not be written. */
    public boolean save(MachineProfile profile) {
        return file(profile.fingerprint()).write(profile);
    }

    /**
     * Checks, before a calibration is measured, that its file can be written: the folder is
     * created if missing; exit 2 with one line naming what is wrong otherwise.
     */
    public void checkWritable(String fingerprint) {
        Path file = fileFor(fingerprint);
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new UsageException(dir + ": cannot make the folder calibrations are kept in: " + e);
        }
        AtomicFile.checkWritable(file);
    }

    public static String toJson(MachineProfile profile) {
        try {
            return CacheFile.MAPPER.writeValueAsString(profile) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("profiles always serialise", e);
        }
    }

    private CacheFile<MachineProfile> file(String fingerprint) {
        return new CacheFile<>(dir.resolve("profile-" + fingerprint + ".json"), MachineProfile.class,
            MachineProfile.SCHEMA, "profile", w -> warnings.accept(w.endsWith("; ignored") ? w + ", recalibrating" : w));
    }
}
