package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.GateOptions;
import dev.lanes.core.gate.NotCompared;
import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.gate.Verdict;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointParam;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit XML has the structure GitHub's, GitLab's and Jenkins' readers take. */
class JUnitXmlTest {
    private static PointComparison point(String stage, int threads, double ratio, Verdict verdict) {
        return new PointComparison("perf", new PointKey(stage, List.of(new PointParam("data.length", 1_000_000L)), "threads",
            "simd", threads), "sum-of-squares", 1e5, 1e5 * ratio, ratio, ratio - 0.02, ratio + 0.02, 0.0001, 0.0004, verdict,
            0.05, "run to run, measured over the baseline's 5 runs: 2.0%", 0.01, 0.01, 20, 20);
    }

    @Test
    void oneSuitePerSpecOneCasePerPointAFailureForARegression() throws Exception {
        Comparison c = new Comparison("base.json", "this run", true, "FAILED: 1 of 2 stage points regressed beyond their threshold",
            List.of(point("squares", 2, 1.073, Verdict.REGRESSED), point("squares", 1, 1.0, Verdict.UNCHANGED)),
            List.of(new NotCompared("perf", new PointKey("dot", List.of(), "simd", "simd", 1), "added")), null, List.of(),
            GateOptions.defaults());
        String xml = JUnitXml.render(c);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        NodeList suite = suites.getElementsByTagName("testsuite");
        assertThat(suite.getLength()).isEqualTo(1);
        Element perf = (Element) suite.item(0);
        assertThat(perf.getAttribute("name")).isEqualTo("perf");
        assertThat(perf.getAttribute("tests")).isEqualTo("3");
        assertThat(perf.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = perf.getElementsByTagName("testcase");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element t = (Element) cases.item(i);
            assertThat(ids.add(t.getAttribute("classname") + "#" + t.getAttribute("name"))).as("unique").isTrue();
        }
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("lanes.perf.squares");
        assertThat(first.getAttribute("name")).isEqualTo("threads(simd) x2 [data.length=1M]");
        Element failure = (Element) first.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("REGRESSED: +7.3% [+5.3%, +9.3%] > 5%, p = 0.0004");
        assertThat(first.getElementsByTagName("system-out").item(0).getTextContent()).contains("variation: run to run");
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) cases.item(2)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }
}
