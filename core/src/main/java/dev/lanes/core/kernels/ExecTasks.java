package dev.lanes.core.kernels;

import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.TaskFailedException;

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
 * task's process tree and fails it. {@link #open} makes the folder and runs {@code setup};
 * {@link #reset} runs {@code prepare}; {@link #close} runs {@code cleanup} and removes the
 * folder. What starting a trivial process costs here is measured when the output is first
 * described, after the stage's first measurement.
 */
final class ExecTasks implements BlockTask<ArrayOps, Integer> {
    private static final int STDERR_TAIL_LINES = 5;
    private static final int OVERHEAD_RUNS = 15;
    /** Starts before those timed, for the trivial command's own first start (its files, its page cache). */
    private static final int OVERHEAD_WARMUP = 5;
    private static final Path DEV_NULL = Path.of("/dev/null");

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
    /** The CPU time of the tasks started natively since {@link #takeProcessCpu} last ran, over every thread. */
    private final java.util.concurrent.atomic.AtomicLong userNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong systemNanos = new java.util.concurrent.atomic.AtomicLong();
    private double spawnNanos = Double.NaN;
    private boolean overheadMeasured;
    /**
     * Each task's process as it starts (placeholders replaced, file paths resolved, and for
     * posix_spawnp its C side), made on its first start at a thread count and kept until the
     * count changes or the stage closes. A slot is only written by the thread running that
     * task; the array is made before blocks run.
     */
    private volatile Launch[] launches = new Launch[0];

    /** A process to start: its arguments, where its stdout goes ({@code null}: lanes' own) and its stderr file. */
    private final class Launch implements AutoCloseable {
        final List<String> argv;
        final Path stdout;
        final Path stderr;
        private NativeSpawn.Command prepared;

        Launch(List<String> argv, Path stdout, Path stderr) {
            this.argv = argv;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Its posix_spawnp side, made on the first start. */
        NativeSpawn.Command prepared() throws IOException {
            if (prepared == null) {
                prepared = spawn.prepare(argv, environment, options.cwd(), new NativeSpawn.Streams(stdout, stderr));
            }
            return prepared;
        }

        @Override
        public void close() {
            if (prepared != null) {
                prepared.close();
            }
        }
    }

    /** {@code null}: ProcessBuilder starts the tasks (where posix_spawnp is not at hand, and in a test of that path). */
    private final NativeSpawn spawn;
    /** The children's environment for posix_spawnp: lanes' own with the stage's {@code env} over it, made once. */
    private final java.lang.foreign.MemorySegment environment;

    ExecTasks(Options options) {
        this(options, NativeSpawn.available().orElse(null));
    }

    ExecTasks(Options options, NativeSpawn spawn) {
        this.options = options;
        this.spawn = spawn;
        Map<String, String> all = new LinkedHashMap<>(System.getenv());
        all.putAll(options.env());
        this.environment = spawn == null ? null
            : NativeSpawn.environment(all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        ProcessTree.guard();
    }

    /** The stage these tasks are: their setup and cleanup, their check (every task exited 0, unless that is ignored). */
    StageInstance stage() {
        return new StageInstance() {
            @Override
            public BlockTask<?, ?> task() {
                return ExecTasks.this;
            }

            @Override
            public void open() {
                ExecTasks.this.open();
            }

            @Override
            public String close() {
                return ExecTasks.this.close();
            }

            @Override
            public Check verify(Value actual) {
                double failed = ((Scalar) actual).value();
                return Check.of(options.ignoreFailure() ? "tasks that exited non-zero (ignored)" : "tasks that exited non-zero",
                    failed, options.ignoreFailure() ? options.tasks() : 0);
            }

            @Override
            public String describe(Value actual) {
                return ExecTasks.this.describe((long) ((Scalar) actual).value());
            }
        };
    }

    void open() {
        if (options.cwd() != null && !Files.isDirectory(options.cwd())) {
            throw new TaskFailedException("cwd: no such folder: " + options.cwd());
        }
        try {
            tmp = Files.createTempDirectory("lanes-exec-");
            ProcessTree.removeOnExit(tmp);
        } catch (IOException e) {
            throw new TaskFailedException("could not make a temporary folder: " + e.getMessage());
        }
        if (options.setup() != null) {
            runOnce("setup", options.setup());
        }
        replaceLaunches();
    }

    /** @return what went wrong, or {@code null} */
    String close() {
        String problem = null;
        try {
            if (tmp != null && options.cleanup() != null) {
                runOnce("cleanup", options.cleanup());
            }
        } catch (TaskFailedException e) {
            problem = e.getMessage();
        }
        replaceLaunches();
        if (tmp != null) {
            try (Stream<Path> all = Files.walk(tmp)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                problem = problem == null ? "could not remove " + tmp + ": " + e.getMessage() : problem;
            }
            ProcessTree.removed(tmp);
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
        replaceLaunches();                                            // {threads} may be in them
    }

    @Override
    public boolean spawnsProcesses() {
        return true;
    }

    @Override
    public long[] takeProcessCpu() {
        long[] taken = {userNanos.getAndSet(0), systemNanos.getAndSet(0)};
        return spawn == null ? null : taken;
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
            String problem = run(launch(task), options.command());
            if (problem != null) {
                if (!options.ignoreFailure() || problem.startsWith("could not start")) {
                    throw new TaskFailedException("task " + task + " of " + options.tasks() + ": " + problem);
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
        if (!overheadMeasured && tmp != null) {
            overheadMeasured = true;
            // Measured now, after the samples, when lanes' start path runs as compiled as it did
            // for them: measured in open() it ran interpreted and read 1.3-1.9 ms against the
            // 0.9 ms that `true`'s own samples took.
            spawnNanos = spawnOverhead();
        }
        if (Double.isNaN(spawnNanos)) {
            return ended;
        }
        return ended + String.format(Locale.ROOT, "; starting %s takes %.2f ms here (median of %d), inside every task's time",
            options.command().shell() ? "sh -c :" : "true", spawnNanos / 1e6, OVERHEAD_RUNS);
    }

    private void runOnce(String what, CommandLine command) {
        String problem;
        try (Launch launch = launchOnce(command)) {
            problem = run(launch, command);
        }
        if (problem != null) {
            throw new TaskFailedException(what + " (" + command.describe() + "): " + problem);
        }
    }

    /** Where a task's stdout goes: /dev/null, {@code null} for lanes' own, or its file. */
    private Path output(int task) {
        return switch (options.output()) {
            case "discard" -> DEV_NULL;
            case "inherit" -> null;
            default -> resolve(CommandLine.expand(options.output(), placeholders(task)));
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

    /** Forgets the tasks' launches (freeing their C side): called between measurements, when no task runs. */
    private void replaceLaunches() {
        Launch[] old = launches;
        launches = new Launch[options.tasks()];
        for (Launch launch : old) {
            if (launch != null) {
                launch.close();
            }
        }
    }

    private Launch launch(int task) {
        Launch[] all = launches;
        if (all[task] == null) {
            all[task] = newLaunch(task);
        }
        return all[task];
    }

    private Launch newLaunch(int task) {
        return new Launch(options.command().argv(placeholders(task)), output(task), tmp.resolve("stderr-" + task + ".txt"));
    }

    /** A setup, prepare or cleanup command, or the trivial one that times a start: output discarded. */
    private Launch launchOnce(CommandLine command) {
        return new Launch(command.argv(placeholders(-1)), DEV_NULL, tmp.resolve("stderr-once.txt"));
    }

    /** Runs one process to its end: {@code null}, or what went wrong (the exit status and stderr's tail, a timeout). */
    private String run(Launch launch, CommandLine command) {
        Integer status;
        try {
            status = spawn != null ? runNative(launch.prepared()) : runJava(launch.argv, launch.stdout, launch.stderr);
        } catch (IOException e) {
            return "could not start '" + launch.argv.get(0) + "': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailedException("interrupted while '" + command.describe() + "' ran; its process tree was killed");
        }
        if (status == null) {
            return String.format(Locale.ROOT, "timed out after %.3g s; its process tree was killed", options.timeoutNanos() / 1e9);
        }
        return status == 0 ? null : (status > 128 ? "ended by signal " + (status - 128) : "exited " + status) + tail(launch.stderr);
    }

    /** posix_spawnp and waitpid: the status, or {@code null} when the timeout killed the tree. */
    private Integer runNative(NativeSpawn.Command command) throws IOException {
        long pid = command.start();
        ProcessHandle handle = options.timeoutNanos() <= 0 ? null : ProcessHandle.of(pid).orElse(null);
        var timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        var watchdog = options.timeoutNanos() <= 0 || handle == null ? null : ProcessTree.TIMER.schedule(() -> {
            timedOut.set(true);
            ProcessTree.kill(handle);
        }, options.timeoutNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        try {
            NativeSpawn.Ended ended = command.await(pid);
            userNanos.addAndGet(ended.userNanos());
            systemNanos.addAndGet(ended.systemNanos());
            return timedOut.get() ? null : ended.status();
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    /** ProcessBuilder, where posix_spawnp is not at hand. */
    private Integer runJava(List<String> argv, Path stdout, Path stderr) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(DEV_NULL.toFile())
            .redirectOutput(stdout == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(stdout.toFile()))
            .redirectError(stderr.toFile());
        if (options.cwd() != null) {
            builder.directory(options.cwd().toFile());
        }
        builder.environment().putAll(options.env());
        return ProcessTree.await(builder.start(), options.timeoutNanos());
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
        try (Launch launch = launchOnce(trivial)) {                    // made once, as a task's is
            for (int i = -OVERHEAD_WARMUP; i < OVERHEAD_RUNS; i++) {
                long start = System.nanoTime();
                if (run(launch, trivial) != null) {
                    return Double.NaN;
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        Arrays.sort(nanos);
        return nanos[OVERHEAD_RUNS / 2];
    }
}
