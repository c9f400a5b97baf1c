package dev.lanes.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report in a real browser (Debian's chromium, headless): the page loads with no
 * console error and no network request, and every chart is drawn — its canvas holds the
 * series' colours and its data. A screenshot is kept in {@code target/browser/} as the
 * test's artifact. Without a Chromium the class is skipped with the reason; CI installs
 * one and sets {@code LANES_REQUIRE_CHROMIUM}, so there it cannot skip.
 */
@Tag("slow")
class HtmlReportBrowserTest {
    private static final Path ARTIFACTS = Path.of("target", "browser");
    /** Pixels of a series' colour a drawn chart has at least (a marker alone is ~30). */
    private static final int MIN_COLOURED_PIXELS = 30;

    @TempDir
    static Path dir;
    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isEmpty() && System.getenv("LANES_REQUIRE_CHROMIUM") != null) {
            fail("LANES_REQUIRE_CHROMIUM is set but no Chromium was found (PATH, or LANES_CHROMIUM)");
        }
        assumeTrue(chromium.isPresent(), "no Chromium on the PATH (install Debian's chromium, or set LANES_CHROMIUM)");
        browser = HeadlessChromium.start(chromium.get(), Files.createDirectory(dir.resolve("browser")));
        browser.viewport(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static URI write(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html).toUri();
    }

    /** Every chart's id, how many of its canvas's pixels are coloured (not grey) and how many values it holds. */
    private static final String DRAWN = """
        (() => {
          const report = window.lanesReport;
          return {
            drawn: Number(document.documentElement.getAttribute('data-charts-drawn')),
            errors: report.errors,
            charts: report.charts.map(c => {
              const u = c.plot, box = u.bbox;
              const px = u.ctx.getImageData(box.left, box.top, box.width, box.height).data;
              let coloured = 0;
              for (let i = 0; i < px.length; i += 4) {
                if (px[i + 3] > 128 && Math.max(px[i], px[i + 1], px[i + 2]) - Math.min(px[i], px[i + 1], px[i + 2]) > 60) {
                  coloured++;
                }
              }
              const values = u.data.slice(1).reduce((n, s) => n + s.filter(v => v != null).length, 0);
              return { id: c.id, coloured: coloured, values: values };
            })
          };
        })()""";

    private static void assertEveryChartIsDrawn(String html, URI page, String screenshot) throws IOException {
        int expected = 0;
        JsonNode data = HtmlFormatTest.embeddedData(Jsoup.parse(html));
        for (JsonNode run : data.get("runs")) {
            expected += run.get("charts").size();
        }
        expected += data.get("comparison").size();
        browser.open(page);
        Files.createDirectories(ARTIFACTS);
        Files.write(ARTIFACTS.resolve(screenshot), browser.screenshot());
        HeadlessChromium.PageLog log = browser.log();
        assertThat(log.consoleErrors()).as("console errors").isEmpty();
        assertThat(log.requests()).as("requests").allSatisfy(url -> assertThat(url).isEqualTo(page.toString()));
        JsonNode drawn = browser.evaluate(DRAWN);
        assertThat(drawn.get("errors")).as("charts the script could not draw").isEmpty();
        assertThat(expected).isPositive();
        assertThat(drawn.get("drawn").asInt()).isEqualTo(expected);
        assertThat(drawn.get("charts")).hasSize(expected).allSatisfy(chart -> {
            assertThat(chart.get("values").asInt()).as(chart.get("id").asText() + " values").isPositive();
            assertThat(chart.get("coloured").asInt()).as(chart.get("id").asText() + " coloured pixels")
                .isGreaterThanOrEqualTo(MIN_COLOURED_PIXELS);
        });
    }

    @Test
    void theRunReportDrawsEveryChartWithoutAnErrorOrARequest() throws IOException {
        String html = new HtmlFormat().render(HtmlFormatTest.fixtures());
        assertEveryChartIsDrawn(html, write("report.html", html), "report.png");
    }

    @Test
    void theComparisonPageDrawsItsForestPlot() throws IOException {
        String html = ComparisonHtml.render(ComparisonFixtures.failed());
        assertEveryChartIsDrawn(html, write("comparison.html", html), "comparison.png");
    }

    /** The harness itself: a page that fetches and logs an error is seen doing both, so a pass above means something. */
    @Test
    void aPageThatFetchesOrFailsIsCaught() throws IOException {
        URI page = write("bad.html", "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/pixel.png\">"
            + "<script>console.error('boom'); undefinedFunction();</script></body></html>");
        browser.open(page);
        HeadlessChromium.PageLog log = browser.log();
        assertThat(log.requests()).contains("http://127.0.0.1:9/pixel.png");
        assertThat(log.consoleErrors()).anySatisfy(e -> assertThat(e).contains("boom"))
            .anySatisfy(e -> assertThat(e).contains("undefinedFunction"));
    }
}
