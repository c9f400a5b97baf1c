package dev.lanes.core.report;

import dev.lanes.core.result.ResultFixtures;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The machine formats and the Markdown are sealed by golden files of a fixed result: a
 * change to any of them shows here and is made on purpose. To accept a deliberate change:
 * {@code ./mvnw test -pl core -Dtest=GoldenFormatsTest -Dlanes.golden.update=true}.
 */
class GoldenFormatsTest {
    private static final Path SOURCES = Path.of("src/test/resources/dev/lanes/core/report");

    private static void assertGolden(String file, String actual) throws IOException {
        if (Boolean.getBoolean("lanes.golden.update")) {
            Files.writeString(SOURCES.resolve(file), actual);
            return;
        }
        String expected;
        try (InputStream in = GoldenFormatsTest.class.getResourceAsStream(file)) {
            assertThat(in).as("golden file " + file).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).as(file).isEqualTo(expected);
    }

    @Test
    void json() throws IOException {
        assertGolden("fixture.json", new JsonFormat().render(List.of(ResultFixtures.sweep())));
    }

    @Test
    void csv() throws IOException {
        assertGolden("fixture.csv", new CsvFormat().render(List.of(ResultFixtures.sweep())));
    }

    @Test
    void markdown() throws IOException {
        assertGolden("fixture.md", new MarkdownFormat().render(List.of(ResultFixtures.sweep())));
    }

    @Test
    void table() throws IOException {
        assertGolden("fixture.txt", new TableFormat().render(List.of(ResultFixtures.sweep())));
    }

    /** The HTML page's chart data, pretty-printed so a change reads in a diff. */
    @Test
    void htmlChartData() throws IOException {
        String html = new HtmlFormat().render(HtmlFormatTest.fixtures());
        var data = HtmlFormatTest.embeddedData(org.jsoup.Jsoup.parse(html));
        assertGolden("fixture.report-data.json", new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter().writeValueAsString(data) + "\n");
    }

    @Test
    void renderingASavedResultGivesTheBytesOfRenderingItAtRunTime() {
        List<RunResult> atRunTime = List.of(ResultFixtures.sweep(), ResultFixtures.sweep());
        List<RunResult> saved = ResultJson.parse("r.json", ResultJson.write(atRunTime));
        for (Format f : Format.values()) {
            assertThat(f.renderer().render(saved)).as(f.label()).isEqualTo(f.renderer().render(atRunTime));
        }
    }

    @Test
    void markdownTablesWithoutASweepAreReadableAt80Columns() {
        RunResult r = ResultFixtures.sweep();
        RunResult unswept = new RunResult(r.schema(), true, r.lanesVersion(), r.startedAt(), r.machine(), r.calibration(),
            r.spec(), r.points().stream().filter(p -> p.key().stage().equals("squares")).limit(3)
            .map(p -> new dev.lanes.core.result.PointResult(new dev.lanes.core.result.PointKey(p.key().stage(), List.of(),
                p.key().backend(), p.key().inner(), p.key().threads()), p.kernel(), p.definition(), p.source(), p.size(),
                p.elements(), p.flops(), p.bytesMoved(), p.samplesNanos(), p.forkSizes(), p.gcSamples(), p.summary(),
                p.throughput(), p.roof(),
                p.estimate(), p.check(), p.checksum(), p.output(), p.device(), p.deviceSamples(), p.workerBusyNanos(),
                p.phases(), p.processCpu(), p.notes())).toList(), List.of());
        String md = new MarkdownFormat().render(List.of(unswept));
        assertThat(md.lines().filter(l -> l.startsWith("|"))).isNotEmpty().allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void csvHasOneRowPerStagePointAndAColumnPerSweptParameter() {
        String csv = new CsvFormat().render(List.of(ResultFixtures.sweep()));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("spec,stage,data.length,backend,inner,threads,size_name,size,samples,median_ns,");
        assertThat(lines).hasSize(1 + ResultFixtures.sweep().points().size());
        assertThat(lines.get(2)).startsWith("fixture,squares,1000000,threads,simd,1,elements,1000000,10,");
    }
}
