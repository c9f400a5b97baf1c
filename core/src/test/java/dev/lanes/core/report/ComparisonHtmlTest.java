package dev.lanes.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonHtmlTest {

    @Test
    void theForestPlotHoldsEveryChangeWithItsIntervalItsVerdictAndItsThreshold() throws IOException {
        String html = ComparisonHtml.render(ComparisonFixtures.failed());
        Document page = Jsoup.parse(html);
        assertThat(page.selectFirst("header").text()).contains("FAILED: 1 of 3 stage points regressed", "this run against base.json");
        assertThat(page.select("table tbody tr")).hasSize(3);
        assertThat(html).doesNotContain("://");
        JsonNode forest = HtmlFormatTest.embeddedData(page).get("comparison").get(0);
        assertThat(page.getElementById(forest.get("id").asText())).isNotNull();
        assertThat(forest.get("xLabels").get(0).asText()).startsWith("slow");
        JsonNode regressed = forest.get("series").get(0);
        assertThat(regressed.get("label").asText()).isEqualTo("REGRESSED");
        assertThat(regressed.get("colour").asText()).isEqualTo("#c62828");
        int at = 0;
        while (regressed.get("values").get(at).isNull()) {
            at++;
        }
        assertThat(regressed.get("values").get(at).asDouble()).isCloseTo(20, within(1e-9));
        assertThat(regressed.get("low").get(at).asDouble()).isCloseTo(18, within(1e-9));
        assertThat(regressed.get("high").get(at).asDouble()).isCloseTo(22, within(1e-9));
        JsonNode threshold = forest.get("series").get(2);
        assertThat(threshold.get("label").asText()).isEqualTo("threshold (slower)");
        assertThat(threshold.get("values").get(at).asDouble()).isCloseTo(5, within(1e-9));
        assertThat(forest.get("series").get(3).get("values").get(at).asDouble()).isCloseTo(100 * (1 / 1.05 - 1), within(1e-9));
    }
}
