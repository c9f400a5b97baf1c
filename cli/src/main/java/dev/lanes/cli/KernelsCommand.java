package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.text.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lanes kernels [NAME]}: the built-in kernels, or one kernel's parameters. */
@Command(name = "kernels", mixinStandardHelpOptions = true, description = "List the built-in kernels, or describe one.")
final class KernelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A kernel to describe.")
    String name;

    @CommandLine.Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
        description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        KernelRegistry registry = dev.lanes.core.kernels.BuiltInKernels.registry();
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format: expected table or json, got '" + format + "'");
        }
        if (format.equals("json")) {
            List<Kernel> kernels = name == null ? List.copyOf(registry.all()) : List.of(find(registry));
            out.print(KernelsJson.write(kernels));
            out.flush();
            return 0;
        }
        if (name == null) {
            int width = registry.names().stream().mapToInt(String::length).max().orElse(0);
            int backendsWidth = registry.all().stream().mapToInt(k -> backends(k).length()).max().orElse(0);
            for (Kernel k : registry.all()) {
                out.printf("%-" + width + "s  %-" + backendsWidth + "s  %s%n", k.name(), backends(k), k.summary());
            }
        } else {
            Kernel k = find(registry);
            out.println(k.name() + ": " + k.summary());
            out.println("  backends: " + backends(k));
            out.println("  inputs:   " + (k.inputs().isEmpty() ? "none" : String.join(", ", k.inputs())));
            out.println("  params:   " + (k.params().isEmpty() ? "none" : ""));
            for (ParamSpec p : k.params()) {
                out.printf("    %-13s %-26s %s%s%n", p.name(), p.type().describe(), p.description(),
                    p.isRequired() ? " (required)" : " (default " + p.defaultValue() + ")");
            }
        }
        out.flush();
        return 0;
    }

    private Kernel find(KernelRegistry registry) {
        return registry.find(name).orElseThrow(() -> new UsageException("unknown kernel '" + name + "'"
            + Suggestions.didYouMean(name, registry.names()) + "; 'lanes kernels' lists them"));
    }

    private static String backends(Kernel k) {
        return String.join(",", k.backends().stream().sorted().map(Backend::label).toList());
    }
}
