package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.core.UsageException;
import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.ComparisonJson;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.report.ComparisonFormat;
import dev.lanes.core.report.ResultOutputs;
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
    description = "Render saved results (lanes.run/1 to lanes.run/7 JSON) as a table, JSON, CSV or Markdown, without running.")
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
        List<Comparison> comparisons = new ArrayList<>();
        for (Path file : files) {
            JsonNode tree = ResultJson.tree(file.toString(), ResultJson.text(file));
            if (ComparisonJson.isComparison(tree)) {
                comparisons.add(ComparisonJson.read(file.toString(), tree));
            } else {
                results.addAll(ResultJson.fromTree(file.toString(), tree));
            }
        }
        if (comparisons.isEmpty()) {
            targets.finish(results);
            return 0;
        }
        if (!results.isEmpty() || comparisons.size() > 1) {
            throw new UsageException("report renders run results, or one comparison (lanes.compare/1), not both at once");
        }
        writeComparison(targets, comparisons.get(0));
        return 0;
    }

    /** A saved comparison in each target's format, as lanes compare wrote it: text, Markdown, JSON or HTML. */
    private void writeComparison(ResultOutputs targets, Comparison c) {
        for (ResultOutputs.Target t : targets.targets()) {
            ComparisonFormat format = switch (t.format()) {
                case TABLE -> ComparisonFormat.TABLE;
                case MARKDOWN -> ComparisonFormat.MARKDOWN;
                case JSON -> ComparisonFormat.JSON;
                case HTML -> ComparisonFormat.HTML;
                case CSV -> throw new UsageException(t.name() + ": a comparison has no CSV form; use .txt, .md, .json or .html");
            };
            if (t.file() == null) {
                spec.commandLine().getOut().print(format.render(c));
                spec.commandLine().getOut().flush();
            } else {
                AtomicFile.write(t.file(), format.render(c));
            }
        }
    }
}
