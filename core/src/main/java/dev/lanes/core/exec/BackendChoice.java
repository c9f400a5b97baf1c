package dev.lanes.core.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a spec or {@code --backend} asks for: a backend, or {@code auto} to let lanes choose. */
public enum BackendChoice {
    AUTO, SCALAR, SIMD, THREADS, GPU, DISTRIBUTED;

    public static List<String> labels() {
        return Arrays.stream(values()).map(BackendChoice::label).toList();
    }

    /** Parses a label; empty when it names none. */
    public static Optional<BackendChoice> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.label().equals(t)).findFirst();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend asked for; empty for {@code auto}. */
    public Optional<Backend> backend() {
        return this == AUTO ? Optional.empty() : Optional.of(Backend.valueOf(name()));
    }
}
