package dev.lanes.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.core.result.ResultFixtures;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.SpecInfo;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The HTML report: self-contained (no reference outside the file), a figure for every
 * chart the embedded data describes, and charts whose numbers are the result's. The data
 * is sealed by a golden file ({@link GoldenFormatsTest}); a real browser draws it in
 * {@link HtmlReportBrowserTest}.
 */
class HtmlFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attributes through which a page can make the browser fetch something. */
    private static final Set<String> FETCHING = Set.of("src", "href", "action", "formaction", "srcset", "poster", "data",
        "background", "xlink:href", "manifest", "ping", "codebase", "cite", "longdesc");

    static List<RunResult> fixtures() {
        return List.of(ResultFixtures.sweep(), ResultFixtures.weak());
    }

    static JsonNode embeddedData(Document page) throws IOException {
        Element data = page.getElementById("lanes-data");
        assertThat(data).as("the embedded chart data").isNotNull();
        assertThat(data.attr("type")).isEqualTo("application/json");
        return JSON.readTree(data.data());
    }

    private static List<JsonNode> charts(JsonNode data) {
        List<JsonNode> charts = new ArrayList<>();
        data.get("runs").forEach(run -> run.get("charts").forEach(charts::add));
        data.get("comparison").forEach(charts::add);
        return charts;
    }

    private static JsonNode chart(JsonNode data, String id) {
        return charts(data).stream().filter(c -> c.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode series(JsonNode chart, String labelStart) {
        return StreamSupport.stream(chart.get("series").spliterator(), false)
            .filter(s -> s.get("label").asText().startsWith(labelStart)).findFirst().orElseThrow();
    }

    @Test
    void thePageReferencesNothingOutsideItself() {
        String html = new HtmlFormat().render(fixtures());
        Document page = Jsoup.parse(html);
        assertThat(page.select("link, img, iframe, frame, object, embed, base, audio, video, source, track, use, image"))
            .as("elements that load something").isEmpty();
        for (Element e : page.getAllElements()) {
            for (Attribute a : e.attributes()) {
                if (FETCHING.contains(a.getKey().toLowerCase())) {
                    assertThat(a.getValue()).as("<" + e.tagName() + " " + a.getKey() + ">").startsWith("#");
                }
            }
        }
        assertThat(page.select("script")).hasSize(3).allSatisfy(s -> assertThat(s.hasAttr("src")).isFalse());
        assertThat(page.select("style").text()).doesNotContain("url(", "@import");
        assertThat(html).doesNotContain("://");
        assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
            .startsWith("default-src 'none';");
    }

    @Test
    void everyChartHasItsFigureAndEveryKindIsThere() throws IOException {
        Document page = Jsoup.parse(new HtmlFormat().render(fixtures()));
        List<JsonNode> charts = charts(embeddedData(page));
        Set<String> ids = new HashSet<>();
        for (JsonNode chart : charts) {
            String id = chart.get("id").asText();
            assertThat(ids.add(id)).as("unique id " + id).isTrue();
            Element figure = page.getElementById(id);
            assertThat(figure).as("figure " + id).isNotNull();
            assertThat(figure.selectFirst(".plot")).isNotNull();
            assertThat(figure.selectFirst("h4").text()).isEqualTo(chart.get("title").asText());
            int positions = chart.get("xs").size();
            chart.get("series").forEach(s -> assertThat(s.get("values")).hasSize(positions));
        }
        assertThat(ids).contains("r0-strong-0", "r0-growth-0", "r0-roofline", "r0-backends-0", "r0-samples-0",
            "r1-weak-0", "r1-samples-0");
        assertThat(page.select("section.run")).hasSize(2);
        assertThat(page.select("section.run").get(0).select("table").size()).isGreaterThanOrEqualTo(3);
        assertThat(page.text()).contains("sha256:" + "0".repeat(64), "Test CPU @ 3.0GHz", "0123456789abcdef");
    }

    @Test
    void theStrongScalingChartCarriesTheMeasuredSpeedupsTheIdealAndTheAmdahlFit() throws IOException {
        JsonNode data = embeddedData(Jsoup.parse(new HtmlFormat().render(fixtures())));
        JsonNode strong = chart(data, "r0-strong-0");
        JsonNode xs = strong.get("xs");
        JsonNode speedup = series(strong, "speedup");
        JsonNode ideal = series(strong, "ideal");
        JsonNode efficiency = series(strong, "efficiency");
        JsonNode fit = series(strong, "Amdahl fit");
        assertThat(fit.get("label").asText()).contains("serial fraction 10%");
        int measured = 0;
        for (int i = 0; i < xs.size(); i++) {
            double p = xs.get(i).asDouble();
            if (!speedup.get("values").get(i).isNull()) {
                measured++;
                double s = speedup.get("values").get(i).asDouble();
                assertThat(ideal.get("values").get(i).asDouble()).isEqualTo(p);
                assertThat(efficiency.get("values").get(i).asDouble()).isCloseTo(100 * s / p, within(1e-9));
                assertThat(s).isCloseTo(1 / (0.1 + 0.9 / p), within(0.02));
                assertThat(speedup.get("low").get(i).asDouble()).isLessThanOrEqualTo(s);
            }
            if (!fit.get("values").get(i).isNull()) {
                assertThat(fit.get("values").get(i).asDouble()).isCloseTo(1 / (0.1 + 0.9 / p), within(0.01));
            }
        }
        assertThat(measured).isEqualTo(3);
        assertThat(strong.get("y2").get("label").asText()).contains("efficiency");
    }

    @Test
    void theGustafsonFitAndTheGrowthExponentAreDrawnWithTheirValuesInTheLegend() throws IOException {
        JsonNode data = embeddedData(Jsoup.parse(new HtmlFormat().render(fixtures())));
        JsonNode weak = chart(data, "r1-weak-0");
        JsonNode gustafson = series(weak, "Gustafson fit");
        assertThat(gustafson.get("label").asText()).contains("serial fraction 20%");
        JsonNode xs = weak.get("xs");
        for (int i = 0; i < xs.size(); i++) {
            if (!gustafson.get("values").get(i).isNull()) {
                double p = xs.get(i).asDouble();
                assertThat(gustafson.get("values").get(i).asDouble()).isCloseTo(p - 0.2 * (p - 1), within(1e-3));
            }
        }
        JsonNode growth = chart(data, "r0-growth-0");
        assertThat(growth.get("x").get("log").asBoolean()).isTrue();
        assertThat(growth.get("y").get("log").asBoolean()).isTrue();
        JsonNode line = series(growth, "threads(simd) x2 fit: time ∝ data.length^1.00");
        assertThat(growth.get("series")).hasSize(6);
        List<double[]> ends = new ArrayList<>();
        for (int i = 0; i < growth.get("xs").size(); i++) {
            if (!line.get("values").get(i).isNull()) {
                ends.add(new double[] {growth.get("xs").get(i).asDouble(), line.get("values").get(i).asDouble()});
            }
        }
        assertThat(ends).hasSize(2);
        assertThat(ends.get(1)[1] / ends.get(0)[1]).isCloseTo(ends.get(1)[0] / ends.get(0)[0], within(0.02));
    }

    @Test
    void theRooflinePlacesEachPointByItsIntensityUnderTheCalibratedCeilings() throws IOException {
        JsonNode data = embeddedData(Jsoup.parse(new HtmlFormat().render(fixtures())));
        JsonNode roofline = chart(data, "r0-roofline");
        JsonNode product = series(roofline, "product");
        JsonNode roof = series(roofline, "roof of gpu");
        assertThat(roof.get("label").asText()).contains("2000 GB/s", "peak 40000 GFLOP/s");
        double intensity = 2.0 * 512 / (3.0 * 4);
        boolean placed = false;
        for (int i = 0; i < roofline.get("xs").size(); i++) {
            double x = roofline.get("xs").get(i).asDouble();
            if (!product.get("values").get(i).isNull()) {
                assertThat(x).isCloseTo(intensity, within(1e-9));
                assertThat(roofline.get("xLabels").get(i).asText()).contains("product", "25% of 40000 GFLOP/s");
                placed = true;
            }
            if (!roof.get("values").get(i).isNull()) {
                assertThat(roof.get("values").get(i).asDouble()).isCloseTo(Math.min(40_000, 2_000 * x), within(1e-6));
            }
        }
        assertThat(placed).isTrue();
    }

    @Test
    void theSampleStripHoldsEverySampleOfEveryPoint() throws IOException {
        RunResult sweep = ResultFixtures.sweep();
        JsonNode data = embeddedData(Jsoup.parse(new HtmlFormat().render(List.of(sweep))));
        JsonNode strip = chart(data, "r0-samples-0");
        long squares = sweep.points().stream().filter(p -> p.key().stage().equals("squares"))
            .mapToLong(p -> p.samplesNanos().size()).sum();
        long drawn = 0;
        for (String label : List.of("sample", "sample during a GC")) {
            JsonNode values = StreamSupport.stream(strip.get("series").spliterator(), false)
                .filter(s -> s.get("label").asText().equals(label)).findFirst().orElseThrow().get("values");
            drawn += StreamSupport.stream(values.spliterator(), false).filter(v -> !v.isNull()).count();
        }
        assertThat(drawn).isEqualTo(squares);
        assertThat(strip.get("categories").asBoolean()).isTrue();
        assertThat(strip.get("xLabels")).hasSize(9);
    }

    @Test
    void textFromTheResultCannotBreakOutOfThePage() throws IOException {
        RunResult r = ResultFixtures.sweep();
        String hostile = "x</script><img src=x onerror=alert(1)><!--";
        SpecInfo s = r.spec();
        RunResult named = new RunResult(r.schema(), r.complete(), r.lanesVersion(), r.startedAt(), r.machine(),
            r.calibration(), new SpecInfo(hostile, s.file(), s.digest(), s.quick(), s.settings(), s.overrides(), s.flags(),
                s.weak(), s.gates(), s.files()), r.points(), r.derived());
        Document page = Jsoup.parse(new HtmlFormat().render(List.of(named)));
        assertThat(page.select("img")).isEmpty();
        assertThat(page.select("script")).hasSize(3);
        assertThat(page.title()).contains(hostile);
        assertThat(embeddedData(page).get("runs").get(0).get("title").asText()).contains(hostile);
    }
}
