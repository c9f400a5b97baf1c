package dev.lanes.core.report;

import dev.lanes.core.UsageException;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.result.RunResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a run's results go: files (each in the format its extension names) and stdout.
 * The one owner of them: every target is checked before anything runs; files are
 * rewritten atomically as points finish, marked incomplete until the end, so an
 * interrupted or failing run keeps what finished; stdout gets the results once, at the
 * end, or what finished when the run is cut short. Thread-safe: a shutdown hook may keep
 * the partial results while the run goes on.
 */
public final class ResultOutputs {
    /** Rewriting files after a point may take at most this share of the run's time; more often, points are batched. */
    private static final int MAX_WRITE_SHARE_PERCENT = 10;

    /** One output; {@code file} is null for stdout. */
    public record Target(Path file, Format format) {
        public String name() {
            return file == null ? "stdout" : file.toString();
        }
    }

    private final List<Target> targets;
    private final PrintWriter out;
    private Supplier<List<RunResult>> latest;
    private boolean closed;
    private long lastWriteEndNanos;
    private long lastWriteCostNanos;

    private ResultOutputs(List<Target> targets, PrintWriter out) {
        this.targets = List.copyOf(targets);
        this.out = out;
    }

    /**
     * Checks every target; exit 2 at once for one that cannot be written.
     *
     * @param outputs      {@code --output} values: files, or "-" for stdout; none means stdout
     * @param format       {@code --format}: stdout's format, and a file's whose extension names none
     * @param formatGiven  whether {@code --format} was given (else a file needs a known extension)
     */
    public static ResultOutputs of(List<String> outputs, Format format, boolean formatGiven, PrintWriter out) {
        List<Target> targets = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        boolean stdout = false;
        for (String output : outputs.isEmpty() ? List.of("-") : outputs) {
            if (output.equals("-")) {
                if (stdout) {
                    throw new UsageException("--output -: stdout is named twice");
                }
                stdout = true;
                targets.add(new Target(null, format));
                continue;
            }
            Path file = Path.of(output);
            AtomicFile.checkWritable(file);
            Format f = Format.ofFileName(output).orElseGet(() -> {
                if (!formatGiven) {
                    throw new UsageException("--output " + output + ": cannot tell the format from its name; end it in one of "
                        + Format.knownExtensions() + ", or give --format");
                }
                return format;
            });
            if (!seen.add(file.toAbsolutePath().normalize())) {
                throw new UsageException("--output " + output + ": named twice");
            }
            targets.add(new Target(file, f));
        }
        return new ResultOutputs(targets, out);
    }

    public List<Target> targets() {
        return targets;
    }

    /** The files among the targets. */
    public List<Path> files() {
        return targets.stream().filter(t -> t.file() != null).map(Target::file).toList();
    }

    /**
     * The results so far (the last one incomplete): files are rewritten now, unless
     * rewriting them has been taking more than {@value #MAX_WRITE_SHARE_PERCENT}% of the
     * time; {@link #keepPartial} writes the latest in any case.
     */
    public synchronized void update(Supplier<List<RunResult>> soFar) {
        if (closed) {
            return;
        }
        latest = soFar;
        long now = System.nanoTime();
        if (files().isEmpty() || now - lastWriteEndNanos < lastWriteCostNanos * (100 / MAX_WRITE_SHARE_PERCENT)) {
            return;
        }
        writeFiles(soFar.get());
        lastWriteEndNanos = System.nanoTime();
        lastWriteCostNanos = lastWriteEndNanos - now;
    }

    /** The finished results, to every target. */
    public synchronized void finish(List<RunResult> results) {
        if (closed) {
            return;
        }
        closed = true;
        writeFiles(results);
        writeStdout(results);
    }

    /**
     * The run was cut short (interrupted, or a stage failed): what finished goes to every
     * target, marked incomplete, and nothing is written after.
     *
     * @return e.g. "kept 5 finished stage points in r.json, r.csv (marked incomplete)", or null when nothing finished
     */
    public synchronized String keepPartial() {
        if (closed) {
            return null;
        }
        closed = true;
        if (latest == null) {
            return null;
        }
        List<RunResult> results = latest.get();
        writeFiles(results);
        writeStdout(results);
        long points = results.stream().flatMap(r -> r.points().stream()).filter(p -> !p.source()).count();
        return "kept " + points + " finished stage point" + (points == 1 ? "" : "s") + " in "
            + String.join(", ", targets.stream().map(Target::name).toList()) + " (marked incomplete)";
    }

    private void writeFiles(List<RunResult> results) {
        for (Target t : targets) {
            if (t.file() != null) {
                AtomicFile.write(t.file(), t.format().renderer().render(results));
            }
        }
    }

    private void writeStdout(List<RunResult> results) {
        for (Target t : targets) {
            if (t.file() == null) {
                out.print(t.format().renderer().render(results));
                out.flush();
            }
        }
    }
}
