package dev.lanes.core.spec;

/**
 * Where a value came from: a line and column in a spec file (1-based), or a command-line
 * override (then {@code line} is 0 and {@code origin} names the option).
 */
public record SourceLocation(String origin, int line, int column) {

    public static SourceLocation of(String file, int line, int column) {
        return new SourceLocation(file, line, column);
    }

    public static SourceLocation commandLine(String option) {
        return new SourceLocation(option, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? origin + ":" + line + ":" + column : origin;
    }
}
