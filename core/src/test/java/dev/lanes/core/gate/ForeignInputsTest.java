package dev.lanes.core.gate;

import dev.lanes.core.UsageException;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** JMH and Google Benchmark files gate like lanes results. */
class ForeignInputsTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ForeignInputsTest.class.getResource(name).toURI());
    }

    @Test
    void jmhForksAreForksAndThroughputBecomesTimePerOp() throws Exception {
        List<MeasuredRun> runs = ComparisonInputs.read(resource("jmh-old.json"));
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.version()).isEqualTo("JMH 1.37");
            assertThat(r.points()).hasSize(2);
            MeasuredPoint sum = r.points().get(0);
            assertThat(sum.key().stage()).isEqualTo("org.example.Bench.sum");
            assertThat(sum.key().inner()).isEqualTo("avgt");
            assertThat(sum.key().point()).extracting(p -> p.name() + "=" + p.value()).containsExactly("size=1000");
            assertThat(sum.forks()).hasSize(5).allSatisfy(f -> assertThat(f).hasSize(5));
            assertThat(sum.median()).isCloseTo(120, within(5.0));
            assertThat(r.points().get(1).median()).isCloseTo(1e6 / 2500, within(20.0));   // 2500 ops/ms is 400 ns/op
        });
        Comparison c = Gate.compare("jmh-old.json", runs, "jmh-new.json", ComparisonInputs.read(resource("jmh-new.json")),
            GateOptions.defaults());
        assertThat(c.points()).hasSize(2).allSatisfy(p -> {
            assertThat(p.variation()).isEqualTo("between forks: 5 old and 5 new JVMs");
            assertThat(p.ratio()).isCloseTo(1.25, within(0.03));
            assertThat(p.verdict()).isEqualTo(Verdict.REGRESSED);
        });
    }

    @Test
    void googleBenchmarkRepetitionsAreSamplesAndAggregatesAreLeftOut() throws Exception {
        List<MeasuredRun> old = ComparisonInputs.read(resource("gbench-old.json"));
        assertThat(old.get(0).spec()).isEqualTo("bench_strings");
        assertThat(old.get(0).points()).extracting(p -> p.key().stage()).containsExactly("BM_Concat/64", "BM_Split/1024");
        assertThat(old.get(0).points().get(0).samples()).hasSize(8);
        Comparison same = Gate.compare("old", old, "new", ComparisonInputs.read(resource("gbench-same.json")),
            GateOptions.defaults());
        assertThat(same.points()).noneMatch(p -> p.verdict() == Verdict.REGRESSED);
        assertThat(same.failed()).isFalse();
    }

    @Test
    void jmhWithoutRawDataIsRefused() {
        String text = "[{\"benchmark\": \"b\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"ns/op\"}}]";
        var tree = dev.lanes.core.result.ResultJson.tree("x.json", text);
        assertThatThrownBy(() -> JmhResults.of("x.json", tree)).isInstanceOf(UsageException.class)
            .hasMessageContaining("x.json: [0] b: no raw data");
    }
}
