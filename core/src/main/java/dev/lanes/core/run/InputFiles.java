package dev.lanes.core.run;

import dev.lanes.core.files.FileDigest;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.result.InputFile;
import dev.lanes.core.spec.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data files a run's stages read (every parameter of type file path), each hashed once,
 * when its stage first runs: the result records them, and a stage's definition covers its
 * files' contents, so a comparison knows when the data changed.
 */
final class InputFiles {
    private final Map<String, InputFile> byPath = new LinkedHashMap<>();

    /** Hashes the stage's files not yet seen; before its measurement, so its definition can name them. */
    synchronized void read(Stage stage, Params params) {
        for (ParamSpec spec : stage.kernel().params()) {
            if (spec.type() instanceof ParamType.FilePath && params.has(spec.name())) {
                String path = params.text(spec.name());
                byPath.computeIfAbsent(path, p -> {
                    try {
                        return new InputFile(stage.id(), p, Files.size(Path.of(p)), FileDigest.sha256(Path.of(p)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** The SHA-256 of a file read so far, or "unread". */
    synchronized String sha256(String path) {
        InputFile f = byPath.get(path);
        return f == null ? "unread" : f.sha256();
    }

    synchronized List<InputFile> all() {
        return new ArrayList<>(byPath.values());
    }
}
