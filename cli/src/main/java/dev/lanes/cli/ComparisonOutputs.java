package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.gate.Comparison;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.report.ComparisonFormat;
import dev.lanes.core.text.Suggestions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a comparison goes: files by extension (.txt, .md, .json, .xml for JUnit, .html), checked before anything runs. */
final class ComparisonOutputs {
    private record Target(Path file, ComparisonFormat format) {
    }

    private final List<Target> targets;

    private ComparisonOutputs(List<Target> targets) {
        this.targets = targets;
    }

    /**
     * @param junit  {@code --junit FILE}, or null
     * @param others more files, in the format their extension names
     */
    static ComparisonOutputs of(Path junit, List<String> others) {
        List<Target> targets = new ArrayList<>();
        if (junit != null) {
            AtomicFile.checkWritable(junit);
            targets.add(new Target(junit, ComparisonFormat.JUNIT));
        }
        for (String name : others) {
            Path file = Path.of(name);
            AtomicFile.checkWritable(file);
            targets.add(new Target(file, ComparisonFormat.ofFileName(name).orElseThrow(() -> new UsageException(name
                + ": cannot tell the comparison's format from its name; end it in .txt, .md, .json, .xml (JUnit) or .html"))));
        }
        return new ComparisonOutputs(targets);
    }

    static ComparisonFormat format(String text) {
        return ComparisonFormat.parse(text).orElseThrow(() -> new UsageException("--format: unknown comparison format '" + text
            + "'" + Suggestions.didYouMean(text, ComparisonFormat.labels()) + " (expected one of "
            + String.join(", ", ComparisonFormat.labels()) + ")"));
    }

    void write(Comparison c, PrintWriter err) {
        for (Target t : targets) {
            AtomicFile.write(t.file(), t.format().render(c));
            err.println("lanes: wrote the comparison to " + t.file());
        }
    }
}
