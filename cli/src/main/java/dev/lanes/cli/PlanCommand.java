package dev.lanes.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.UsageException;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.ConcurrentSchedule;
import dev.lanes.core.plan.CostModel;
import dev.lanes.core.plan.Estimate;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.plan.StagePlan;
import dev.lanes.core.plan.WorkloadPlan;
import dev.lanes.core.spec.StageMode;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import dev.lanes.core.text.PointText;
import dev.lanes.core.text.SizeLiteral;
import dev.lanes.core.text.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code lanes plan SPEC...}: every candidate per stage, its estimate and bound, the choice
 * and why; with the flags of {@code run} that change a plan ({@code --set}, {@code --threads},
 * {@code --backend}), so it shows what that run would do.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Show the plan for each stage: every candidate's estimated time and bound, the choice and why.")
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Workload spec files (YAML or JSON).")
    List<Path> files;

    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE", description = "Override a stage parameter, as run does.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N,...", description = "Thread counts, as run takes them (a single count caps "
        + "the plan's threads).")
    String threads;

    @Option(names = "--backend", paramLabel = "auto|scalar|simd|threads|gpu",
        description = "Force a backend, as run does: the plan shows what it would run and what auto would have chosen.")
    String backend;

    @Option(names = "--stages", paramLabel = "serial|concurrent", description = "Schedule the stages as run does: "
        + "concurrent shows each ready set and its threads. Default: the spec's settings.stages, else serial.")
    String stages;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format.")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format: expected table or json, got '" + format + "'");
        }
        BackendChoice forced = backend == null ? BackendChoice.AUTO : BackendChoice.parse(backend).orElseThrow(() ->
            new UsageException("--backend: unknown backend '" + backend + "'" + Suggestions.didYouMean(backend,
                BackendChoice.labels()) + " (expected one of " + String.join(", ", BackendChoice.labels()) + ")"));
        var accelerators = common.accelerators();
        SpecLoader loader = SpecLoader.forThisJvm(dev.lanes.core.kernels.BuiltInKernels.registry());
        List<Integer> threadCounts = threads == null ? null : loader.threads(threads);
        StageMode mode = stages == null ? null : StageMode.parse(stages).orElseThrow(() -> new UsageException("--stages: "
            + "expected serial or concurrent, got '" + stages + "'" + Suggestions.didYouMean(stages, StageMode.labels())));
        List<Workload> workloads = new ArrayList<>();
        for (Path file : files) {
            Workload w = loader.load(file, overrides, false);
            w.notices().forEach(n -> spec.commandLine().getErr().println("lanes: " + file + ": " + n));
            w = threadCounts == null ? w : w.withSettings(w.settings().withThreads(threadCounts));
            workloads.add(mode == null ? w : w.withSettings(w.settings().withStages(mode)));
        }
        MachineInfo machine = MachineInfo.detect(accelerators);
        var profile = ProfileSource.obtain(machine, accelerators, common.cacheDir, spec.commandLine().getErr());
        Planner planner = new Planner(new CostModel(profile), accelerators);
        List<WorkloadPlan> plans = new ArrayList<>();
        for (Workload w : workloads) {
            WorkloadPlan plan = planner.plan(w, forced == BackendChoice.AUTO ? null : forced);
            plans.add(new WorkloadPlan(plan.mode(), plan.stages().stream()
                .map(p -> forced == BackendChoice.AUTO ? p : ForcedPlan.of(p, forced)).toList(), plan.schedules()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(plans));
        } else {
            for (WorkloadPlan plan : plans) {
                printStages(out, plan.stages());
                plan.schedules().forEach(s -> printSchedule(out, s));
            }
        }
        out.flush();
        return 0;
    }

    /** Each ready set of a concurrent run's point, its stages and their threads. */
    private static void printSchedule(PrintWriter out, WorkloadPlan.PointSchedule s) {
        out.println("concurrent schedule" + (s.point().isEmpty() ? "" : " at " + PointText.of(List.copyOf(s.point().entrySet())))
            + ": " + s.schedule().budget() + " threads shared by the stages of each ready set");
        int n = 1;
        for (ConcurrentSchedule.Wave w : s.schedule().waves()) {
            out.println("  " + n++ + ". " + String.join(" + ", w.slots().stream().map(slot -> slot.stage() + " ("
                + slot.threads() + (slot.threads() == 1 ? " thread" : " threads") + ")").toList())
                + (w.together() ? "" : ", alone"));
        }
    }

    private static void printStages(PrintWriter out, List<StagePlan> plans) {
        for (StagePlan p : plans) {
            out.printf(Locale.ROOT, "%s (%s, n = %s%s): %.3g FLOP, %s moved%n", p.stage(), p.kernel(),
                SizeLiteral.readable(p.elements()), p.point().isEmpty() ? "" : ", "
                    + PointText.of(List.copyOf(p.point().entrySet())), p.flops(),
                dev.lanes.core.text.Bytes.format(p.bytesMoved()));
            for (Estimate e : p.candidates()) {
                out.printf(Locale.ROOT, "  %s %-22s %12s  %-8s (compute %s, memory %s, overhead %s)%n",
                    e.equals(p.chosen()) ? "→" : " ", e.label(), nanos(e.nanos()), e.bound(), nanos(e.computeNanos()),
                    nanos(e.memoryNanos()), nanos(e.overheadNanos()));
            }
            for (String reason : p.excluded()) {
                out.println("    not a candidate: " + reason);
            }
            out.println("  choice: " + p.chosen().label() + ": " + p.reason());
        }
    }

    private static String nanos(double n) {
        return n >= 1e6 ? String.format(Locale.ROOT, "%.2f ms", n / 1e6)
            : n >= 1e3 ? String.format(Locale.ROOT, "%.1f µs", n / 1e3) : String.format(Locale.ROOT, "%.0f ns", n);
    }
}
