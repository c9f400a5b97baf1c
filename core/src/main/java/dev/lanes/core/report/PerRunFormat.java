package dev.lanes.core.report;

import dev.lanes.core.result.RunResult;

import java.util.List;

/** A text format that shows runs one after another, a blank line between them. */
abstract class PerRunFormat implements ResultFormat {

    @Override
    public final String render(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            render(out, results.get(i), results);
        }
        return out.toString();
    }

    /** One run; {@code all} is every run being rendered, for what one run's section shows of another's. */
    abstract void render(StringBuilder out, RunResult run, List<RunResult> all);
}
