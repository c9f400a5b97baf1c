package dev.lanes.core.kernels;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockTask;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An {@code exec} stage's tasks: a block is one task (one process and whatever it starts),
 * so the threads backend runs as many at once as it has threads and a thread sweep is a
 * concurrency sweep. Input comes from {@code /dev/null}; output goes where the stage says;
 * stderr goes to a file in the stage's temporary folder, whose tail a failure quotes. A
 * non-zero exit fails the stage (exit 3) unless failures are ignored; a timeout kills the
 * task's process tree and fails it. {@link #open} makes the folder, runs {@code setup} and
 * measures what starting a trivial process costs here; {@link #reset} runs {@code prepare};
 * {@link #close} runs {@code cleanup} and removes the folder.
 */
final class ExecTasks implements BlockTask<ArrayOps, Integer> {
    private static final int STDERR_TAIL_LINES = 5;
    private static final int OVERHEAD_RUNS = 15;

    /**
     * @param timeoutNanos 0 for none
     * @param setup        {@code null} when there is none; so for prepare and cleanup
     * @param output       discard, inherit, or a path per task (placeholders allowed)
     */
    record Options(CommandLine command, int tasks, Map<String, String> env, Path cwd, long timeoutNanos, CommandLine setup,
                   CommandLine prepare, CommandLine cleanup, boolean ignoreFailure, String output) {
    }

    private final Options options;
    private volatile int threads = 1;
    private Path tmp;
    private double spawnNanos = Double.NaN;

    ExecTasks(Options options) {
        this.options = options;
        ProcessTree.guard();
    }

    void open() {
        if (options.cwd() != null && !Files.isDirectory(options.cwd())) {
            throw new ExecutionException("cwd: no such folder: " + options.cwd());
        }
        try {
            tmp = Files.createTempDirectory("lanes-exec-");
        } catch (IOException e) {
            throw new ExecutionException("could not make a temporary folder: " + e.getMessage());
        }
        if (options.setup() != null) {
            runOnce("setup", options.setup());
        }
        spawnNanos = spawnOverhead();
    }

    /** @return what went wrong, or {@code null} */
    String close() {
        String problem = null;
        try {
            if (tmp != null && options.cleanup() != null) {
                runOnce("cleanup", options.cleanup());
            }
        } catch (ExecutionException e) {
            problem = e.getMessage();
        }
        if (tmp != null) {
            try (Stream<Path> all = Files.walk(tmp)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                problem = problem == null ? "could not remove " + tmp + ": " + e.getMessage() : problem;
            }
            tmp = null;
        }
        return problem;
    }

    @Override
    public void reset() {
        if (options.prepare() != null) {
            runOnce("prepare", options.prepare());
        }
    }

    @Override
    public void runsOn(int threads) {
        this.threads = threads;
    }

    @Override
    public boolean spawnsProcesses() {
        return true;
    }

    @Override
    public Class<ArrayOps> opsType() {
        return ArrayOps.class;
    }

    @Override
    public int length() {
        return options.tasks();
    }

    @Override
    public int blockSize() {
        return 1;
    }

    @Override
    public Integer identity() {
        return 0;
    }

    @Override
    public Integer block(ArrayOps ops, int from, int to) {
        int failed = 0;
        for (int task = from; task < to; task++) {
            String problem = run(task, options.command(), output(task));
            if (problem != null) {
                if (!options.ignoreFailure() || problem.startsWith("could not start")) {
                    throw new ExecutionException("task " + task + " of " + options.tasks() + ": " + problem);
                }
                failed++;
            }
        }
        return failed;
    }

    @Override
    public Integer combine(Integer left, Integer right) {
        return left + right;
    }

    @Override
    public Value result(Integer failures) {
        return new Scalar(failures);
    }

    /** The output in brief: how the tasks ended and what starting a process costs here (hyperfine reports its shell's). */
    String describe(long failed) {
        String ended = options.tasks() + (options.tasks() == 1 ? " task" : " tasks")
            + (failed == 0 ? " exited 0" : ", " + failed + " exited non-zero (ignored)");
        if (Double.isNaN(spawnNanos)) {
            return ended;
        }
        return ended + String.format(Locale.ROOT, "; starting %s takes %.2f ms here (median of %d), inside every task's time",
            options.command().shell() ? "sh -c :" : "true", spawnNanos / 1e6, OVERHEAD_RUNS);
    }

    private void runOnce(String what, CommandLine command) {
        String problem = run(-1, command, ProcessBuilder.Redirect.DISCARD);
        if (problem != null) {
            throw new ExecutionException(what + " (" + command.describe() + "): " + problem);
        }
    }

    private ProcessBuilder.Redirect output(int task) {
        return switch (options.output()) {
            case "discard" -> ProcessBuilder.Redirect.DISCARD;
            case "inherit" -> ProcessBuilder.Redirect.INHERIT;
            default -> ProcessBuilder.Redirect.to(resolve(CommandLine.expand(options.output(), placeholders(task))).toFile());
        };
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || options.cwd() == null ? p : options.cwd().resolve(p);
    }

    private Map<String, String> placeholders(int task) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("task", Integer.toString(Math.max(task, 0)));
        values.put("tasks", Integer.toString(options.tasks()));
        values.put("threads", Integer.toString(threads));
        values.put("tmp", tmp.toString());
        return values;
    }

    /** Runs one process to its end: {@code null}, or what went wrong (the exit status and stderr's tail, a timeout). */
    private String run(int task, CommandLine command, ProcessBuilder.Redirect out) {
        List<String> argv = command.argv(placeholders(task));
        Path stderr = tmp.resolve("stderr-" + Math.max(task, 0) + (task < 0 ? "-once" : "") + ".txt");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null")).redirectOutput(out)
            .redirectError(stderr.toFile());
        if (options.cwd() != null) {
            builder.directory(options.cwd().toFile());
        }
        builder.environment().putAll(options.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "could not start '" + argv.get(0) + "': " + e.getMessage();
        }
        try {
            Integer status = ProcessTree.await(process, options.timeoutNanos());
            if (status == null) {
                return String.format(Locale.ROOT, "timed out after %.3g s; its process tree was killed",
                    options.timeoutNanos() / 1e9);
            }
            return status == 0 ? null : "exited " + status + tail(stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException("interrupted while '" + command.describe() + "' ran; its process tree was killed");
        }
    }

    private static String tail(Path stderr) {
        try {
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return " (stderr empty)";
            }
            return "; stderr ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** The median time to start and reap a process that does nothing, through the same path as a task's. */
    private double spawnOverhead() {
        CommandLine trivial = new CommandLine(options.command().shell() ? List.of(":") : List.of("true"), options.command().shell());
        long[] nanos = new long[OVERHEAD_RUNS];
        for (int i = -3; i < OVERHEAD_RUNS; i++) {               // three untimed starts first
            long start = System.nanoTime();
            if (run(-1, trivial, ProcessBuilder.Redirect.DISCARD) != null) {
                return Double.NaN;
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return nanos[OVERHEAD_RUNS / 2];
    }
}
