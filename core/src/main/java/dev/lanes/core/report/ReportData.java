package dev.lanes.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the HTML report's script draws, embedded in the page as JSON: the charts of each
 * run and of a comparison. It is a pure function of the results, so the same results give
 * the same page.
 *
 * @param schema {@value #SCHEMA}
 */
record ReportData(String schema, List<RunCharts> runs, List<Chart> comparison) {
    static final String SCHEMA = "lanes.report-data/1";

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();

    ReportData {
        runs = List.copyOf(runs);
        comparison = List.copyOf(comparison);
    }

    static ReportData ofRuns(List<RunCharts> runs) {
        return new ReportData(SCHEMA, runs, List.of());
    }

    static ReportData ofComparison(List<Chart> charts) {
        return new ReportData(SCHEMA, List.of(), charts);
    }

    /**
     * The data as the text of a {@code <script type="application/json">}: every '<' escaped,
     * as JSON allows inside strings (the only place one can be), so no text can end the
     * element or open a comment.
     */
    String scriptText() {
        try {
            return MAPPER.writeValueAsString(this).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
