package dev.lanes.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lanes.core.result.NoisyRow;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row per stage point of every run, for spreadsheets and data frames: the spec, the
 * stage, one column per swept parameter (the union over all runs), the implementation,
 * the size, the median and its interval in nanoseconds, the rates, the roof share, the
 * check, the noisy flag, whether the run finished and whether it was a smoke run ({@code --quick}). Numbers are plain numbers; units are in the column names.
 */
public final class CsvFormat implements ResultFormat {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final List<String> BEFORE_POINT = List.of("spec", "stage");
    private static final List<String> AFTER_POINT = List.of("backend", "inner", "threads", "size_name", "size", "samples",
        "median_ns", "ci_low_ns", "ci_high_ns", "ci_level", "mean_ns", "stddev_ns", "elements_per_s", "gb_per_s",
        "gflop_per_s", "roof_share", "roof_bound", "check", "noisy", "complete", "smoke");

    @Override
    public String render(List<RunResult> results) {
        Set<String> params = new LinkedHashSet<>();
        results.forEach(r -> r.points().forEach(p -> p.key().point().forEach(q -> params.add(q.name()))));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        BEFORE_POINT.forEach(schema::addColumn);
        params.forEach(schema::addColumn);
        AFTER_POINT.forEach(schema::addColumn);
        List<List<Object>> rows = new ArrayList<>();
        for (RunResult r : results) {
            Set<Object> noisy = r.rows(NoisyRow.class).stream().map(NoisyRow::key).collect(Collectors.toSet());
            for (PointResult p : r.points()) {
                rows.add(row(r, p, params, noisy.contains(p.key())));
            }
        }
        try {
            return MAPPER.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows of plain values always serialise", e);
        }
    }

    private static List<Object> row(RunResult r, PointResult p, Set<String> params, boolean noisy) {
        List<Object> row = new ArrayList<>(List.of(r.spec().name(), p.key().stage()));
        for (String name : params) {
            row.add(p.key().point().stream().filter(q -> q.name().equals(name)).map(PointParam::value).map(CsvFormat::cell)
                .findFirst().orElse(""));
        }
        var s = p.summary();
        row.addAll(java.util.Arrays.asList(p.key().backend(), p.key().inner(), p.key().threads(), p.size().name(),
            p.size().dims().stream().map(String::valueOf).collect(Collectors.joining("x")), s.count(), s.medianNanos(),
            s.ciLowNanos(), s.ciHighNanos(), s.ciLevel(), s.meanNanos(), s.stddevNanos(), p.throughput().elementsPerSecond(),
            p.throughput().gigabytesPerSecond(), p.throughput().gflopsPerSecond(), p.roof() == null ? "" : p.roof().share(),
            p.roof() == null ? "" : p.roof().bound(), p.check() == null ? "not verified" : p.check().passed() ? "ok" : "failed",
            noisy, r.complete(), r.spec().quick()));
        return row;
    }

    private static Object cell(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" ")) : value;
    }
}
