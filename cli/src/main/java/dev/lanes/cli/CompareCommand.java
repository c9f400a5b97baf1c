package dev.lanes.cli;

import dev.lanes.core.GateFailedException;
import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.Gate;
import dev.lanes.core.report.ComparisonFormat;
import dev.lanes.core.gate.ComparisonInputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lanes compare OLD NEW}: the performance gate over two saved results; exit 1 on a real regression. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare two saved results (lanes, JMH -rf json, or Google Benchmark JSON) stage point by stage point; "
        + "exit 1 when one really got slower.")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GateFlags gate;

    @Parameters(index = "0", paramLabel = "OLD", description = "The baseline: a result file (several runs of a spec give each point's run-to-run spread).")
    Path old;

    @Parameters(index = "1", paramLabel = "NEW", description = "The result to judge.")
    Path now;

    @Option(names = "--format", paramLabel = "table|markdown|json|junit|html", defaultValue = "table",
        description = "Format on stdout. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Also write the comparison to FILE, in the format its extension names (.txt, .md, .json, .xml: JUnit, .html: a forest plot).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML for CI systems to FILE.")
    Path junit;

    @Override
    public Integer call() {
        var options = gate.options();
        ComparisonFormat fmt = ComparisonOutputs.format(format);
        ComparisonOutputs files = ComparisonOutputs.of(junit, outputs);
        Comparison c = Gate.compare(old.toString(), ComparisonInputs.read(old), now.toString(), ComparisonInputs.read(now), options);
        files.write(c, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.print(fmt.render(c));
        out.flush();
        if (c.failed()) {
            throw new GateFailedException(c.summary());
        }
        return 0;
    }
}
