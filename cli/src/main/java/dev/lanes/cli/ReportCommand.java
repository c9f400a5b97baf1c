package dev.lanes.cli;

import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lanes report RESULT...}: render saved results, exactly as {@code run} rendered them, without running anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Render saved results (lanes.run/1 or lanes.run/3 JSON) as a table, JSON, CSV or Markdown, without running.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions outputs;

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "Result files written by lanes run --format json.")
    List<Path> files;

    @Override
    public Integer call() {
        var targets = outputs.targets(spec.commandLine().getOut());
        List<RunResult> results = new ArrayList<>();
        for (Path file : files) {
            results.addAll(ResultJson.read(file));
        }
        targets.finish(results);
        return 0;
    }
}
