package dev.lanes.cli;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.CostModel;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.run.Planning;
import dev.lanes.core.store.WisdomStore;
import dev.lanes.core.report.Format;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.run.RunResult;
import dev.lanes.core.run.Runner;
import dev.lanes.core.run.StageResult;
import dev.lanes.core.spec.Settings;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
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
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code lanes run SPEC...}: validate every spec, run them, print or write the results. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run workloads; print a table or write JSON. Every spec is validated before anything runs.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Workload spec files (YAML or JSON).")
    List<Path> specs;

    @Option(names = "--threads", paramLabel = "1,2,4|max", description = "Thread counts for the threads backend; several make a scaling table.")
    String threads;

    @Option(names = "--backend", paramLabel = "auto|scalar|simd|threads|gpu", description = "Run every stage on this backend.")
    String backend;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations per stage.")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations per stage (warm-up also lasts at least settings.min-warmup-ms).")
    Integer warmup;

    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE", description = "Override a stage parameter, e.g. --set data.length=100M.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the results to FILE (atomically) instead of stdout.")
    Path output;

    @Option(names = "--quick", description = "A smoke run: sizes capped at 64Ki elements and matrix dimensions at 256, 1 warm-up and 3 measured iterations.")
    boolean quick;

    @Option(names = "--no-verify", description = "Skip checking results against the scalar reference.")
    boolean noVerify;

    @Option(names = "--plan", paramLabel = "model|measure", defaultValue = "model",
        description = "How auto decides: model (the cost model, default) or measure (short trials of the best candidates, "
            + "kept as wisdom for this machine and reused).")
    String planMode;

    @Option(names = "--forget", description = "Clear this machine's wisdom before running.")
    boolean forget;

    @Override
    public Integer call() {
        Format fmt = Format.parse(format).orElseThrow(() -> new UsageException("--format: unknown format '" + format + "'"
            + Suggestions.didYouMean(format, Format.labels()) + " (expected one of " + String.join(", ", Format.labels()) + ")"));
        BackendChoice override = backend == null ? null : BackendChoice.parse(backend).orElseThrow(() -> new UsageException(
            "--backend: unknown backend '" + backend + "'" + Suggestions.didYouMean(backend, BackendChoice.labels())
                + " (expected one of " + String.join(", ", BackendChoice.labels()) + ")"));
        if (iterations != null && (iterations < 1 || iterations > 1_000_000)) {
            throw new UsageException("--iterations: must be in 1..1000000, got " + iterations);
        }
        if (warmup != null && (warmup < 0 || warmup > 1_000_000)) {
            throw new UsageException("--warmup: must be in 0..1000000, got " + warmup);
        }
        Accelerators accelerators = common.accelerators();
        SpecLoader loader = SpecLoader.forThisJvm(dev.lanes.core.kernels.BuiltInKernels.registry());
        List<Integer> threadCounts = threads == null ? null : loader.threads(threads);
        List<Workload> workloads = new ArrayList<>();
        for (Path file : specs) {
            workloads.add(applyFlags(loader.load(file, overrides, quick), threadCounts));
        }

        if (!planMode.equals("model") && !planMode.equals("measure")) {
            throw new UsageException("--plan: expected model or measure, got '" + planMode + "'");
        }
        MachineInfo machine = MachineInfo.detect(accelerators);
        Planner planner = new Planner(new CostModel(ProfileSource.obtain(machine, accelerators, common.cacheDir,
            spec.commandLine().getErr())), accelerators);
        WisdomStore wisdom = ProfileSource.wisdom(machine, common.cacheDir, spec.commandLine().getErr());
        if (forget) {
            wisdom.forget();
            spec.commandLine().getErr().println("lanes: forgot the wisdom in " + wisdom.path());
        }
        Planning planning = new Planning(planner, planMode.equals("measure") ? wisdom : null);
        Progress progress = new Progress(spec.commandLine().getErr(), System.console() != null);
        AtomicBoolean finished = new AtomicBoolean();
        Thread interruptNotice = new Thread(() -> {
            if (!finished.get()) {
                System.err.println(System.lineSeparator() + "lanes: interrupted; no results were written");
            }
        });
        Runtime.getRuntime().addShutdownHook(interruptNotice);
        List<RunResult> results = new ArrayList<>();
        try {
            for (Workload workload : workloads) {
                results.add(new Runner(accelerators, progress, LanesVersion.current(), planning).run(workload, machine, override));
            }
            progress.clear();
            write(fmt, results);
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(interruptNotice);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook has run or will run harmlessly
            }
        }
        for (RunResult result : results) {
            StageResult failure = result.firstFailure().orElse(null);
            if (failure != null) {
                throw new ExecutionException("stage '" + failure.stage() + "' (" + failure.backend() + " x" + failure.threads()
                    + (failure.point().isEmpty() ? "" : ", " + failure.point()) + "): result does not match the scalar reference: "
                    + failure.check().method() + " = " + failure.check().error() + " > bound " + failure.check().bound());
            }
        }
        return 0;
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
        return workload.withSettings(s);
    }

    private void write(Format fmt, List<RunResult> results) {
        StringBuilder text = new StringBuilder();
        if (fmt == Format.JSON && results.size() > 1) {
            text.append("[\n");
            for (int i = 0; i < results.size(); i++) {
                text.append(fmt.renderer().render(results.get(i)).stripTrailing()).append(i < results.size() - 1 ? ",\n" : "\n");
            }
            text.append("]\n");
        } else {
            for (int i = 0; i < results.size(); i++) {
                text.append(i > 0 ? "\n" : "").append(fmt.renderer().render(results.get(i)));
            }
        }
        if (output != null) {
            AtomicFile.write(output, text.toString());
            spec.commandLine().getErr().println("lanes: wrote " + output);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }
}
