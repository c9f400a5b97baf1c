package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where stage outputs are saved, checked before anything runs, as every output is: a bad target is exit 2 at once. */
final class SaveTargets {
    private SaveTargets() {
    }

    /** {@code --save-dir}: made if missing; exit 2 when it cannot be. */
    static Path folder(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("--save-dir " + dir + ": cannot make the folder: " + e);
        }
    }

    static void check(Workload workload) {
        for (Stage stage : workload.stages()) {
            if (stage.save() != null) {
                try {
                    AtomicFile.checkWritable(Path.of(stage.save()));
                } catch (UsageException e) {
                    throw new UsageException("stage '" + stage.id() + "': save: " + e.getMessage());
                }
            }
        }
    }
}
