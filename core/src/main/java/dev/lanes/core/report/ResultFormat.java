package dev.lanes.core.report;

import dev.lanes.core.result.RunResult;

import java.util.List;

/** A renderer of run results: pure, results in, text out; it formats and never computes. */
public interface ResultFormat {

    /** Renders the results of one or several runs (several specs, several files). */
    String render(List<RunResult> results);
}
