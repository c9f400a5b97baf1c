package dev.lanes.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.cli.LanesCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every sample spec with --quick through the CLI and checks its JSON. */
class SamplesTest {
    /** Maven runs tests in the module folder, where the samples live. */
    private static final Path SAMPLES = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everySampleRunsAndVerifies() throws Exception {
        List<Path> specs;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            specs = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(specs).extracting(p -> p.getFileName().toString()).contains("sum-of-squares.yaml", "axpy.yaml");
        return specs.stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var cl = LanesCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("run", spec.toString(), "--quick", "--format", "json");
            assertThat(exit).as(err.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(out.toString());
            assertThat(json.get("schema").asText()).isEqualTo("lanes.run/7");
            assertThat(json.at("/spec/quick").asBoolean()).isTrue();
            assertThat(json.get("complete").asBoolean()).isTrue();
            JsonNode stages = json.get("points");
            assertThat(stages.size()).isPositive();
            for (JsonNode stage : stages) {
                assertThat(stage.at("/check/passed").asBoolean()).as(stage.toString()).isTrue();
                assertThat(stage.get("samplesNanos").size()).isPositive();
                assertThat(stage.at("/summary/medianNanos").asDouble()).isPositive();
            }
        }));
    }
}
