package dev.lanes.core.report;

import dev.lanes.core.run.RunResult;

/** A renderer of run results: pure, results in, text out. */
public interface ResultFormat {

    String render(RunResult result);
}
