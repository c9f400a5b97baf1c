package dev.lanes.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.UsageException;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.CostModel;
import dev.lanes.core.plan.Estimate;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.plan.StagePlan;
import dev.lanes.core.text.SizeLiteral;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
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

/** {@code lanes plan SPEC}: every candidate per stage, its estimate and bound, the choice and why. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show the plan for each stage: every candidate's estimated time and bound, the choice and why.")
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SPEC", description = "A workload spec file (YAML or JSON).")
    Path file;

    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE", description = "Override a stage parameter.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format: expected table or json, got '" + format + "'");
        }
        var accelerators = common.accelerators();
        Workload workload = SpecLoader.forThisJvm(dev.lanes.core.kernels.BuiltInKernels.registry()).load(file, overrides, false);
        workload.notices().forEach(n -> spec.commandLine().getErr().println("lanes: " + file + ": " + n));
        MachineInfo machine = MachineInfo.detect(accelerators);
        var profile = ProfileSource.obtain(machine, accelerators, common.cacheDir, spec.commandLine().getErr());
        List<StagePlan> plans = new Planner(new CostModel(profile), accelerators).plan(workload);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(plans));
        } else {
            for (StagePlan p : plans) {
                out.printf(Locale.ROOT, "%s (%s, n = %s%s): %.3g FLOP, %s moved%n", p.stage(), p.kernel(),
                    SizeLiteral.format(p.elements()), p.point().isEmpty() ? "" : ", " + p.point(), p.flops(),
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
        out.flush();
        return 0;
    }

    private static String nanos(double n) {
        return n >= 1e6 ? String.format(Locale.ROOT, "%.2f ms", n / 1e6)
            : n >= 1e3 ? String.format(Locale.ROOT, "%.1f µs", n / 1e3) : String.format(Locale.ROOT, "%.0f ns", n);
    }
}
