package dev.lanes.core.report;

import dev.lanes.core.result.Machine;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.RunSettings;
import dev.lanes.core.text.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML report: per run its charts ({@link RunCharts}), then the same tables the text
 * formats print, the machine and the spec; several runs side by side. One self-contained
 * file ({@link HtmlPage}); the same results give the same bytes.
 */
public final class HtmlFormat implements ResultFormat {

    @Override
    public String render(List<RunResult> results) {
        List<RunCharts> charts = new ArrayList<>();
        StringBuilder body = new StringBuilder("<header>\n<h1>lanes report</h1>\n<p>")
            .append(Html.escape(results.stream().map(r -> r.spec().name()).distinct().collect(Collectors.joining(", "))))
            .append(results.size() > 1 ? " · " + results.size() + " runs side by side" : "").append("</p>\n</header>\n")
            .append("<main class=\"runs\" style=\"--runs: ").append(Math.min(results.size(), 3)).append("\">\n");
        for (int i = 0; i < results.size(); i++) {
            RunCharts run = RunCharts.of(results.get(i), i);
            charts.add(run);
            section(body, results.get(i), results, run);
        }
        body.append("</main>\n");
        String title = "lanes report: " + results.stream().map(r -> r.spec().name()).distinct()
            .collect(Collectors.joining(", "));
        return HtmlPage.render(title, body.toString(), ReportData.ofRuns(charts));
    }

    private static void section(StringBuilder out, RunResult r, List<RunResult> all, RunCharts charts) {
        out.append("<section class=\"run\">\n<h2>").append(Html.escape(Cells.title(r))).append("</h2>\n");
        out.append("<p class=\"machine\">").append(Html.escape(Cells.machine(r.machine()))).append("</p>\n");
        String changed = Cells.overridesAndFlags(r);
        if (changed != null) {
            out.append("<p class=\"flags\"><code>").append(Html.escape(changed)).append("</code></p>\n");
        }
        if (r.spec().quick()) {
            out.append("<p class=\"warning\">A smoke run (--quick): sizes and iterations were shrunk to check that the spec "
                + "runs; its times are not measurements, so no scaling, fit or plan accuracy is derived.</p>\n");
        }
        if (!r.complete()) {
            out.append("<p class=\"warning\">This run did not finish: what is shown is what finished.</p>\n");
        }
        out.append("<div class=\"charts\">\n");
        charts.charts().forEach(chart -> Html.figure(out, chart));
        out.append("</div>\n<h3>Stage points</h3>\n");
        Html.table(out, TableFormat.mainTable(r));
        for (Section s : Sections.of(r, all)) {
            if (s.title() != null) {
                out.append("<h3>").append(Html.escape(s.title())).append("</h3>\n");
            }
            if (s.grid() != null) {
                Html.table(out, s.grid());
            }
            Html.list(out, s.lines());
        }
        out.append("<h3>Machine</h3>\n");
        Html.definitions(out, machine(r.machine()));
        out.append("<h3>Spec</h3>\n");
        Html.definitions(out, spec(r));
        out.append("</section>\n");
    }

    private static List<Map.Entry<String, String>> machine(Machine m) {
        return List.of(Map.entry("CPU", m.cpuModel() + " (" + m.arch() + ")"), Map.entry("cores", Integer.toString(m.cores())),
            Map.entry("OS", m.os()), Map.entry("JVM", m.jvmVendor() + " " + m.jvmName() + " " + m.jvmVersion()
                + " (" + m.jvmInfo() + ")"), Map.entry("maximum heap", Bytes.format(m.maxHeapBytes())),
            Map.entry("SIMD", (m.simd().usable() ? "" : "unusable: ") + m.simd().detail()),
            Map.entry("GPU", (m.gpu().usable() ? "" : "unusable: ") + m.gpu().detail()),
            Map.entry("fingerprint", m.fingerprint()));
    }

    private static List<Map.Entry<String, String>> spec(RunResult r) {
        RunSettings s = r.spec().settings();
        List<Map.Entry<String, String>> pairs = new ArrayList<>(List.of(Map.entry("name", r.spec().name()),
            Map.entry("file", r.spec().file()), Map.entry("digest", r.spec().digest()),
            Map.entry("settings", "backend " + s.backend() + " · threads " + s.threads() + " · warmup " + s.warmup()
                + " · iterations " + s.iterations() + " · min-warmup-ms " + s.minWarmupMs() + " · verify " + s.verify()),
            Map.entry("calibration", r.calibration() == null ? "none" : r.calibration()),
            Map.entry("started", r.startedAt()), Map.entry("lanes", r.lanesVersion() + " · " + r.schema())));
        if (r.spec().quick()) {
            pairs.add(Map.entry("quick", "a smoke run: sizes and iterations were shrunk"));
        }
        return pairs;
    }
}
