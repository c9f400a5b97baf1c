package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.report.Format;
import dev.lanes.core.report.ResultOutputs;
import dev.lanes.core.text.Suggestions;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code --format} and {@code --output}, shared by the commands that write results. */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "table|json|csv|markdown|html",
        description = "Format of stdout, and of an --output file whose name ends in none of .txt, .json, .csv, .md, .html. Default: table.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write the results to FILE, in the format its extension names (repeatable; - is stdout). Files are "
            + "written atomically and rewritten as stage points finish, marked incomplete until the end.")
    List<String> outputs = new ArrayList<>();

    /** The checked targets: exit 2 now for an unknown format or a file that could not be written. */
    ResultOutputs targets(PrintWriter out) {
        Format fmt = format == null ? Format.TABLE : Format.parse(format).orElseThrow(() -> new UsageException("--format: unknown "
            + "format '" + format + "'" + Suggestions.didYouMean(format, Format.labels()) + " (expected one of "
            + String.join(", ", Format.labels()) + ")"));
        return ResultOutputs.of(outputs, fmt, format != null, out);
    }
}
