package dev.lanes.core.run;

import dev.lanes.core.data.Value;
import dev.lanes.core.files.CsvWriter;
import dev.lanes.core.files.NpyWriter;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.SweepPoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A stage's output to the file its {@code save:} (or {@code --save-dir}) names: {@code .npy},
 * or CSV for a {@code .csv} name. Where the sweep reaches the stage, each point has its own
 * file: the point goes into the name ({@code out@n=512.npy}).
 */
final class SavedOutputs {
    private SavedOutputs() {
    }

    static Path target(Stage stage, SweepPoint point, boolean swept) {
        Path file = Path.of(stage.save());
        if (!swept || point.values().isEmpty()) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String label = point.label().replace('/', '_');
        return file.resolveSibling(name.substring(0, dot) + "@" + label + name.substring(dot));
    }

    /** @param dims the output's dimensions as its stage's shape says (a matrix keeps its rows and columns) */
    static void save(Stage stage, SweepPoint point, boolean swept, Value output, List<Long> dims) {
        Path file = target(stage, point, swept);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            CsvWriter.write(file, output);
        } else {
            NpyWriter.write(file, output, dims);
        }
    }
}
