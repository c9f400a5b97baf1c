package dev.lanes.core.report;

import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;

import java.util.List;

/** The results as a result file: every sample, every derived row, the machine ({@link ResultJson}). */
public final class JsonFormat implements ResultFormat {

    @Override
    public String render(List<RunResult> results) {
        return ResultJson.write(results);
    }
}
