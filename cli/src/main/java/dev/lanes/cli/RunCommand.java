package dev.lanes.cli;

import dev.lanes.core.Defaults;
import dev.lanes.core.ExecutionException;
import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.ClusterConnector;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.CostModel;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.plan.ShardSelection;
import dev.lanes.core.report.Format;
import dev.lanes.core.report.ResultOutputs;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.run.Planning;
import dev.lanes.core.run.RunListener;
import dev.lanes.core.run.Runner;
import dev.lanes.core.spec.Settings;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.StageMode;
import dev.lanes.core.spec.Workload;
import dev.lanes.core.store.WisdomStore;
import dev.lanes.core.text.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code lanes run SPEC...}: validate every spec and every output, run them, write the
 * results as points finish; on Ctrl-C or a failure, keep what finished.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run workloads; print a table or write JSON, CSV or Markdown. Every spec and output is checked before "
        + "anything runs.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    OutputOptions outputs;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Workload spec files (YAML or JSON).")
    List<Path> specs;

    @Option(names = "--threads", paramLabel = "1,2,4|max", description = "Thread counts for the threads backend; several make "
        + "a scaling table. Default: the spec's settings.threads, else max.")
    String threads;

    @Option(names = "--backend", paramLabel = "auto|scalar|simd|threads|gpu", description = "Run every stage on this backend. "
        + "Default: each stage's own, else the spec's settings.backend, else auto.")
    String backend;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations per stage. Default: the spec's "
        + "settings.iterations, else " + Defaults.MEASURED_ITERATIONS + ".")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations per stage (warm-up also lasts at least "
        + "settings.min-warmup-ms, default " + Defaults.MIN_WARMUP_MILLIS + "). Default: the spec's settings.warmup, else "
        + Defaults.WARMUP_ITERATIONS + ".")
    Integer warmup;

    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE", description = "Override a stage parameter, e.g. --set data.length=100M.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--quick", description = "A smoke run: sizes capped at 64Ki elements and matrix dimensions at 256, 1 warm-up and 3 measured iterations.")
    boolean quick;

    @Option(names = "--save-dir", paramLabel = "DIR", description = "Save every stage's output in DIR (made if missing) as "
        + "STAGE.npy (STAGE@POINT.npy at each sweep point), except where a stage has its own save:.")
    Path saveDir;

    @Option(names = "--no-verify", description = "Skip checking results against the scalar reference.")
    boolean noVerify;

    @Option(names = "--plan", paramLabel = "model|measure", defaultValue = "model",
        description = "How auto decides: model (the cost model, default) or measure (short trials of the best candidates, "
            + "kept as wisdom for this machine and reused).")
    String planMode;

    @Option(names = "--forget", description = "Clear this machine's wisdom before running.")
    boolean forget;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    GateFlags gate;

    @Option(names = "--stages", paramLabel = "serial|concurrent", description = "How stages are scheduled: concurrent also "
        + "measures each set of independent stages started together on a shared thread budget, against the serial "
        + "schedule. Default: the spec's settings.stages, else serial.")
    String stages;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1",
        description = "Run the specs in N fresh JVMs, one after another, and keep each fork's samples apart: a comparison "
            + "then treats each fork's median as one observation (N times the time; see docs/ci.md). Default: 1.")
    int forks;

    @Option(names = "--shard", paramLabel = "K/N|auto|auto/N",
        description = "Run the K-th of N shares of the stage points and write a partial result (a JSON --output; {shard} in "
            + "its name becomes K) for lanes merge. auto: a Slurm array task (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT); "
            + "auto/N: also a Kubernetes Indexed Job (JOB_COMPLETION_INDEX). See docs/distributed.md.")
    String shardFlag;

    @Option(names = "--shard-by", paramLabel = "units|blocks", defaultValue = "units",
        description = "With --shard: units deals the stage points out (each measured whole on one machine); blocks runs "
            + "every stage point in every shard over its K-th part of the block range (a stage whose blocks cannot be cut, "
            + "the first shard whole), and lanes merge folds the parts into the one-machine output and checks it. "
            + "Default: ${DEFAULT-VALUE}.")
    String shardBy;

    @Mixin
    ClusterFlags clusterFlags;

    @Option(names = "--baseline", paramLabel = "FILE",
        description = "After the run, compare it with this saved result (the performance gate): exit 1 on a real regression.")
    Path baseline;

    @Option(names = "--save-baseline", paramLabel = "FILE",
        description = "Add this run to a baseline file (created if missing; the last 10 runs of each spec are kept, and "
            + "their spread is the run-to-run variation a comparison allows for).")
    Path saveBaseline;

    @Option(names = "--junit", paramLabel = "FILE", description = "With --baseline: the comparison as JUnit XML for CI systems.")
    Path junit;

    @Option(names = "--comparison", paramLabel = "FILE",
        description = "With --baseline: the comparison also to FILE, in the format its extension names (.txt, .md, .json, .xml, .html).")
    List<String> comparisons = new ArrayList<>();

    @Override
    public Integer call() {
        BackendChoice override = backend == null ? null : BackendChoice.parse(backend).orElseThrow(() -> new UsageException(
            "--backend: unknown backend '" + backend + "'" + Suggestions.didYouMean(backend, BackendChoice.labels())
                + " (expected one of " + String.join(", ", BackendChoice.labels()) + ")"));
        if (iterations != null && (iterations < 1 || iterations > 1_000_000)) {
            throw new UsageException("--iterations: must be in 1..1000000, got " + iterations);
        }
        if (warmup != null && (warmup < 0 || warmup > 1_000_000)) {
            throw new UsageException("--warmup: must be in 0..1000000, got " + warmup);
        }
        if (forks < 1 || forks > 1000) {
            throw new UsageException("--forks: must be in 1..1000, got " + forks);
        }
        if (!planMode.equals("model") && !planMode.equals("measure")) {
            throw new UsageException("--plan: expected model or measure, got '" + planMode + "'");
        }
        if (!shardBy.equals("units") && !shardBy.equals("blocks")) {
            throw new UsageException("--shard-by: expected units or blocks, got '" + shardBy + "'");
        }
        if (shardFlag == null && shardBy.equals("blocks")) {
            throw new UsageException("--shard-by blocks: says how --shard K/N shares the work; give --shard too");
        }
        ShardSelection shard = shardFlag == null ? null : ShardSelection.parse(shardFlag, System.getenv());
        if (shard != null && shardBy.equals("blocks")) {
            shard = shard.cuttingBlocks();
        }
        if (shard != null) {
            checkShardOutputs(shard);
        }
        ResultOutputs targets = outputs.targets(spec.commandLine().getOut());
        if (baseline == null && (junit != null || !comparisons.isEmpty())) {
            throw new UsageException((junit != null ? "--junit" : "--comparison") + " needs --baseline FILE to compare with");
        }
        var gateOptions = gate.options();
        ComparisonOutputs comparisonFiles = ComparisonOutputs.of(junit, comparisons);
        Accelerators local = common.accelerators();
        clusterFlags.check(override, forks);
        SpecLoader loader = SpecLoader.forThisJvm(BuiltInKernels.registry());
        List<Integer> threadCounts = threads == null ? null : loader.threads(threads);
        if (clusterFlags.given()) {
            threadCounts = clusterFlags.memberCounts(threadCounts, threads);
        }
        List<Workload> workloads = new ArrayList<>();
        for (Path file : specs) {
            Workload w = applyFlags(loader.load(file, overrides, quick), threadCounts);
            if (saveDir != null) {
                w = w.withSaveDir(SaveTargets.folder(saveDir));
            }
            SaveTargets.check(w);
            w.checkWeakScaling(override);
            if (forks > 1 && w.settings().stages() == StageMode.CONCURRENT) {
                throw new UsageException(file + ": --forks and concurrent stages do not combine yet: a fork merges "
                    + "stage points, not ready sets; run the concurrent schedule in one JVM");
            }
            w.notices().forEach(n -> spec.commandLine().getErr().println("lanes: " + file + ": " + n));
            workloads.add(w);
        }

        ClusterConnector.Connection connection = clusterFlags.given()
            ? clusterFlags.connect(spec.commandLine().getErr(), quiet) : null;
        Accelerators accelerators = connection == null ? local : local.with(connection.accelerator());
        try {
            return runAll(accelerators, override, workloads, targets, gateOptions, comparisonFiles, shard);
        } finally {
            if (connection != null) {
                connection.close();                   // the engine's threads stop on every path
            }
        }
    }

    private Integer runAll(Accelerators accelerators, BackendChoice override, List<Workload> workloads, ResultOutputs targets,
                           dev.lanes.core.gate.GateOptions gateOptions, ComparisonOutputs comparisonFiles,
                           ShardSelection shard) {
        MachineInfo machine = MachineInfo.detect(accelerators);
        FlagWarnings.print(spec.commandLine().getErr(), threads, override, workloads, machine.cores());
        FlagWarnings.planMode(spec.commandLine().getErr(), planMode.equals("measure"), override, workloads);
        BaselineGate baselines = BaselineGate.of(baseline, saveBaseline, gateOptions, comparisonFiles, machine);
        WisdomStore wisdom = ProfileSource.wisdom(machine, common.cacheDir, spec.commandLine().getErr());
        if (forget) {
            wisdom.forget();
            spec.commandLine().getErr().println("lanes: forgot the wisdom in " + wisdom.path());
        }
        // forks plan in their own JVMs: the parent needs no calibration
        Planning planning = forks > 1 ? null : new Planning(new Planner(new CostModel(ProfileSource.obtain(machine,
            accelerators, common.cacheDir, spec.commandLine().getErr())), accelerators), planMode.equals("measure") ? wisdom : null);
        Progress progress = Progress.forStderr(spec.commandLine().getErr(), quiet);
        List<RunResult> results = new ArrayList<>();
        Thread keepOnInterrupt = new Thread(() -> {
            progress.stop();
            String kept = targets.keepPartial();
            System.err.println(System.lineSeparator() + "lanes: interrupted; "
                + (kept == null ? "no stage point had finished, nothing was written" : kept));
        });
        Runtime.getRuntime().addShutdownHook(keepOnInterrupt);
        try {
            if (forks > 1) {
                List<String> recorded = flags();
                results.addAll(ForkedRuns.run(forks, childArgs(), spec.commandLine().getErr(), quiet,
                    soFar -> targets.update(() -> soFar.stream().map(r -> r.withFlags(recorded)).toList()))
                    .stream().map(r -> r.withFlags(recorded)).toList());
            }
            for (Workload workload : forks > 1 ? List.<Workload>of() : workloads) {
                RunListener listener = new RunListener() {
                    @Override
                    public void started(Measuring measuring) {
                        progress.started(measuring);
                    }

                    @Override
                    public void finished(PointResult point, Supplier<RunResult> soFar) {
                        progress.finished(point);
                        targets.update(() -> {
                            List<RunResult> all = new ArrayList<>(results);
                            all.add(soFar.get());
                            return all;
                        });
                    }
                };
                RunResult result = new Runner(accelerators, listener, LanesVersion.current(), planning)
                    .run(workload, machine, override, flags(), shard);
                if (shard != null && result.shard().own().isEmpty()) {
                    spec.commandLine().getErr().println("lanes: " + workload.source() + ": shard " + shard.label() + " has "
                        + "nothing to run: the workload has " + result.shard().units() + " unit(s) (a stage at a sweep point) "
                        + "for " + shard.count() + " shards; its partial result is empty");
                }
                results.add(result);
            }
            progress.clear();
            targets.finish(results);
        } catch (RuntimeException e) {
            progress.clear();
            String kept = targets.keepPartial();
            if (kept != null) {
                spec.commandLine().getErr().println("lanes: " + kept);
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(keepOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs, and finds the outputs already closed
            }
        }
        failOnFailedStages(results);
        failOnWrongResults(results);
        baselines.after(results, stdoutComparison(targets), spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }

    /** The comparison's format on stdout: the results' own when stdout shows a table or Markdown; else none (stderr). */
    private static dev.lanes.core.report.ComparisonFormat stdoutComparison(ResultOutputs targets) {
        return targets.targets().stream().filter(t -> t.file() == null).findFirst()
            .map(t -> t.format() == Format.TABLE ? dev.lanes.core.report.ComparisonFormat.TABLE
                : t.format() == Format.MARKDOWN ? dev.lanes.core.report.ComparisonFormat.MARKDOWN : null)
            .orElse(null);
    }

    /**
     * A stage that failed fails the run (exit 3), after every output is written with the
     * stages that did not depend on it: the first failure, what it cancelled, and how many more.
     */
    private static void failOnFailedStages(List<RunResult> results) {
        List<dev.lanes.core.result.StageFailure> failed = results.stream().flatMap(r -> r.failures().stream()).toList();
        if (!failed.isEmpty()) {
            throw new ExecutionException(failed.get(0).describe() + (failed.size() == 1 ? ""
                : " (and " + (failed.size() - 1) + " more failed stage point" + (failed.size() == 2 ? "" : "s") + ", in the result)"));
        }
    }

    /** A result that does not match the scalar reference fails the run (exit 3), after every output is written. */
    private static void failOnWrongResults(List<RunResult> results) {
        for (RunResult result : results) {
            PointResult failure = result.firstFailure().orElse(null);
            if (failure != null) {
                var check = failure.check();
                throw new ExecutionException("stage '" + failure.key().stage() + "' (" + failure.key().labelWithThreads()
                    + (failure.key().point().isEmpty() ? "" : ", " + failure.key().point().stream()
                        .map(p -> p.name() + "=" + p.value()).toList()) + "): result does not match the scalar reference: "
                    + check.method() + " = " + check.error() + " > bound " + check.bound());
            }
        }
    }

    /**
     * A shard writes a partial result for {@code lanes merge}: it needs a JSON output, its
     * {@code {shard}} placeholders become K, and it cannot be gated on (merge the shards first).
     */
    private void checkShardOutputs(ShardSelection shard) {
        if (baseline != null || saveBaseline != null) {
            throw new UsageException(shard.from() + ": a shard's result is part of a run, not a run to gate or keep as a "
                + "baseline; merge the shards (lanes merge), then lanes compare");
        }
        outputs.outputs.replaceAll(o -> o.replace("{shard}", String.valueOf(shard.index())));
        boolean json = outputs.outputs.stream().anyMatch(o -> o.endsWith(".json"))
            || "json".equals(outputs.format) && (outputs.outputs.isEmpty() || outputs.outputs.contains("-"));
        if (!json) {
            throw new UsageException(shard.from() + ": a shard writes a partial result for lanes merge: give a JSON output, "
                + "e.g. -o part-{shard}.json");
        }
    }

    /** What a fork runs: these specs with the flags that change the run, and no outputs of its own. */
    private List<String> childArgs() {
        List<String> args = new ArrayList<>(List.of("run"));
        specs.forEach(p -> args.add(p.toString()));
        for (String flag : flags()) {
            if (!flag.startsWith("--forks")) {
                args.addAll(List.of(flag.split(" ", 2)));
            }
        }
        overrides.forEach(o -> args.addAll(List.of("--set", o)));
        if (shardFlag != null) {
            args.addAll(List.of("--shard", shardFlag, "--shard-by", shardBy));
        }
        if (common.cacheDir != null) {
            args.addAll(List.of("--cache-dir", common.cacheDir.toString()));
        }
        if (saveDir != null) {
            args.addAll(List.of("--save-dir", saveDir.toString()));      // every fork saves the same outputs
        }
        return args;
    }

    /** The flags that changed what ran or how, as given: the result records them. */
    private List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (threads != null) {
            flags.add("--threads " + threads);
        }
        if (backend != null) {
            flags.add("--backend " + backend);
        }
        if (iterations != null) {
            flags.add("--iterations " + iterations);
        }
        if (warmup != null) {
            flags.add("--warmup " + warmup);
        }
        if (quick) {
            flags.add("--quick");
        }
        if (stages != null) {
            flags.add("--stages " + stages);
        }
        if (noVerify) {
            flags.add("--no-verify");
        }
        if (!planMode.equals("model")) {
            flags.add("--plan " + planMode);
        }
        flags.addAll(common.flags());
        if (forks > 1) {
            flags.add("--forks " + forks);
        }
        return flags;
    }

    private Workload applyFlags(Workload workload, List<Integer> threadCounts) {
        Settings s = workload.settings();
        if (threadCounts != null) {
            s = s.withThreads(threadCounts);
        }
        if (iterations != null) {
            s = s.withIterations(iterations);
        }
        if (warmup != null) {
            s = s.withWarmup(warmup);
        }
        if (noVerify) {
            s = s.withVerify(false);
        }
        if (stages != null) {
            s = s.withStages(StageMode.parse(stages).orElseThrow(() -> new UsageException("--stages: expected serial or "
                + "concurrent, got '" + stages + "'" + Suggestions.didYouMean(stages, StageMode.labels()))));
        }
        return workload.withSettings(s);
    }
}
