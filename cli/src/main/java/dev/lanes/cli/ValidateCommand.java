package dev.lanes.cli;

import dev.lanes.core.ExitCodes;
import dev.lanes.core.LanesException;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lanes validate SPEC...}: check specs without running; every problem file is reported. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check specs without running them.")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Workload spec files (YAML or JSON).")
    List<Path> specs;

    @Option(names = "--set", paramLabel = "STAGE.PARAM=VALUE", description = "Override a stage parameter before checking.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() {
        SpecLoader loader = SpecLoader.forThisJvm(dev.lanes.core.kernels.BuiltInKernels.registry());
        int exit = ExitCodes.OK;
        for (Path file : specs) {
            try {
                Workload w = loader.load(file, overrides, false);
                w.notices().forEach(n -> spec.commandLine().getErr().println("lanes: " + file + ": " + n));
                int points = w.points().size();
                spec.commandLine().getOut().println(file + ": ok (" + w.stages().size() + " stage"
                    + (w.stages().size() == 1 ? "" : "s") + (points > 1 ? ", " + points + " sweep points" : "") + ")");
            } catch (LanesException e) {
                spec.commandLine().getErr().println("lanes: " + e.getMessage());
                exit = Math.max(exit, e.exitCode());
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return exit;
    }
}
