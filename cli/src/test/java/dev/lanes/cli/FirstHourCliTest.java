package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer's first hour found ignored or changed silently: each is now said, on stderr and in the result. */
class FirstHourCliTest {
    private static final String SWEPT = """
        name: swept
        settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
        stages:
          - id: data
            kernel: generate
            params: { length: 1000, type: f64, seed: 1 }
          - id: squares
            kernel: sum-of-squares
            inputs: [data]
        sweep:
          data.length: [1000, 2000]
        """;

    @TempDir
    Path dir;

    private String spec(String text) throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), text).toString();
    }

    private String cache() {
        return dir.resolve("cache").toString();
    }

    private static List<String> notes(JsonNode result) {
        List<String> notes = new ArrayList<>();
        result.get("points").forEach(p -> p.get("notes").forEach(n -> notes.add(n.asText())));
        return notes;
    }

    @Test
    void aSetOfASweptParameterReplacesTheSweepAndSaysSo() throws Exception {
        String file = spec(SWEPT);
        CliRun r = CliRun.of("run", file, "--set", "data.length=500", "--cache-dir", cache(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("lanes: " + file + ": --set data.length=500 replaces the sweep of data.length over "
            + "[1000, 2000]: only 500 runs");
        JsonNode result = new ObjectMapper().readTree(r.out());
        assertThat(result.get("points")).hasSize(2).allSatisfy(p -> assertThat(p.at("/key/point")).isEmpty());
        assertThat(result.at("/points/1/elements").asLong()).isEqualTo(500);
    }

    @Test
    void aQuickRunSaysWhichSweepPointsItMerged() throws Exception {
        String file = spec(SWEPT.replace("[1000, 2000]", "[1000, 10M, 20M]"));
        CliRun r = CliRun.of("run", file, "--quick", "--cache-dir", cache(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("--quick: the sweep of data.length runs 2 of its 3 points: [10M, 20M] are all "
            + "capped at 65536 (the quick size) and run once");
    }

    @Test
    void threadCountsAboveTheCoresRunAsAskedAndAreMarkedOversubscribed() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        CliRun r = CliRun.of("run", spec(SWEPT), "--threads", "1," + (cores + 1), "--backend", "threads", "--cache-dir", cache(),
            "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("thread count [" + (cores + 1) + "] is more than the " + cores + " cores here");
        JsonNode result = new ObjectMapper().readTree(r.out());
        List<Integer> threads = new ArrayList<>();
        result.get("points").forEach(p -> threads.add(p.at("/key/threads").asInt()));
        assertThat(threads).contains(cores + 1);
        assertThat(notes(result)).contains("oversubscribed: " + (cores + 1) + " threads on " + cores
            + " cores take turns, so this point measures contention, not scaling");
    }

    @Test
    void aThreadListThatAOneThreadBackendIgnoresIsAWarningAndANote() throws Exception {
        CliRun r = CliRun.of("run", spec(SWEPT), "--threads", "1,2", "--backend", "scalar", "--cache-dir", cache(),
            "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("lanes: warning: --threads 1,2 has no effect with --backend scalar");
        assertThat(notes(new ObjectMapper().readTree(r.out())))
            .contains("one thread: backend scalar runs on one thread, so the thread counts [1, 2] do not apply (they sweep "
                + "backend threads)");
    }

    @Test
    void aChoiceByMeasurementNamesTheRuleThatDecided() throws Exception {
        CliRun r = CliRun.of("run", spec(SWEPT.replace("threads: [1]", "threads: [2]")), "--plan", "measure",
            "--cache-dir", cache(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(notes(new ObjectMapper().readTree(r.out()))).filteredOn(n -> n.startsWith("auto by measurement"))
            .isNotEmpty().allSatisfy(n -> assertThat(n).containsPattern("; chose [a-z()]+( x\\d+)?, (the fastest|within 10% of the "
                + "fastest \\(.+, \\d+ µs\\) with fewer resources)$"));
    }

    @Test
    void workWithoutMemoryTrafficShowsNoBandwidth() throws Exception {
        CliRun r = CliRun.of("run", spec("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: pi, kernel: monte-carlo-pi, params: { samples: 10000, seed: 1 } }
            """), "--cache-dir", cache());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        List<String> header = Arrays.asList(lines.stream().filter(l -> l.startsWith("stage ")).findFirst().orElseThrow()
            .split(" {2,}"));
        List<String> pi = Arrays.asList(lines.stream().filter(l -> l.startsWith("pi ")).findFirst().orElseThrow()
            .split(" {2,}"));
        assertThat(pi.get(header.indexOf("GB/s"))).isEqualTo("–");
    }

    @Test
    void aQuickRunIsMarkedASmokeRunInEveryFormatAndDerivesNothing() throws Exception {
        String file = spec(SWEPT.replace("threads: [1]", "threads: [1, 2]"));
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        Path md = dir.resolve("r.md");
        Path html = dir.resolve("r.html");
        CliRun r = CliRun.of("run", file, "--quick", "--backend", "threads", "--cache-dir", cache(), "-o", "-", "-o",
            json.toString(), "-o", csv.toString(), "-o", md.toString(), "-o", html.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String smoke = "SMOKE RUN (--quick: sizes and iterations shrunk; its times are not measurements)";
        assertThat(r.out()).contains(smoke).doesNotContain("Strong scaling").doesNotContain("plan accuracy")
            .doesNotContain("% of ");
        assertThat(Files.readString(md)).contains(smoke).doesNotContain("Strong scaling");
        assertThat(Files.readString(html)).contains(smoke).contains("A smoke run (--quick)");
        List<String> rows = Files.readAllLines(csv);
        int column = Arrays.asList(rows.get(0).split(",")).indexOf("smoke");
        assertThat(column).isPositive();
        assertThat(rows.subList(1, rows.size())).isNotEmpty().allSatisfy(row -> assertThat(row.split(",")[column]).isEqualTo("true"));
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.at("/spec/quick").asBoolean()).isTrue();
        assertThat(result.get("derived")).isEmpty();
        assertThat(result.get("points")).allSatisfy(p -> {
            assertThat(p.get("roof").isNull()).isTrue();
            assertThat(p.get("estimate").isNull()).isTrue();
        });
        CliRun measured = CliRun.of("run", file, "--backend", "threads", "--cache-dir", cache(), "--format", "json");
        assertThat(new ObjectMapper().readTree(measured.out()).get("derived")).as("the same spec measured").isNotEmpty();
    }

    @Test
    void planTakesSeveralSpecsAndTheFlagsOfRunAndLabelsPointsAsRunDoes() throws Exception {
        String swept = spec(SWEPT.replace("[1000, 2000]", "[1M, 2M]"));
        String other = Files.writeString(dir.resolve("other.yaml"), SWEPT.replace("id: squares", "id: again")).toString();
        CliRun plan = CliRun.of("plan", swept, other, "--backend", "scalar", "--threads", "1", "--cache-dir", cache());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("squares (sum-of-squares, n = 1M, data.length=1M)", "again (sum-of-squares, n = 2000, "
            + "data.length=2000)", "choice: scalar: forced by --backend scalar; auto would choose ");
        CliRun run = CliRun.of("run", swept, "--cache-dir", cache());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("squares \\S+ \\(data.length=1M\\)").doesNotContain("1000000");
        assertThat(run.out()).contains("data.length=1M");
        CliRun gpu = CliRun.of("plan", swept, "--backend", "gpu", "--gpu", "off", "--cache-dir", cache());
        assertThat(gpu.exit()).isEqualTo(3);
        assertThat(gpu.err()).contains("lanes: stage 'squares': --backend gpu has no candidate here (gpu: disabled by --gpu off)");
    }

    @Test
    void kernelsAsJsonAndHelpThatShowsEveryDefault() throws Exception {
        CliRun kernels = CliRun.of("kernels", "--format", "json");
        assertThat(kernels.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(kernels.out());
        assertThat(json.get("schema").asText()).isEqualTo("lanes.kernels/1");
        List<String> names = new ArrayList<>();
        json.get("kernels").forEach(k -> names.add(k.get("name").asText()));
        assertThat(names).contains("generate", "sum-of-squares", "matmul", "sort");
        JsonNode one = new ObjectMapper().readTree(CliRun.of("kernels", "generate", "--format", "json").out());
        assertThat(one.get("kernels")).singleElement().satisfies(k -> assertThat(k.at("/params/1/defaultValue").asText())
            .isEqualTo("f64"));
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        CliRun runHelp;
        System.setErr(new java.io.PrintStream(picocliWarnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            runHelp = CliRun.of("run", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertThat(picocliWarnings.toString(java.nio.charset.StandardCharsets.UTF_8)).as("picocli formats every description")
            .doesNotContain("Could not format");
        String help = runHelp.out().replaceAll("\\s+", " ");
        assertThat(help).contains("Default: the spec's settings.iterations, else 10", "Default: the spec's "
            + "settings.warmup, else 3", "min-warmup-ms, default 300", "Default: the spec's settings.threads, else max",
            "the whole 95% interval of the change beyond it", "Default: 5%.");
    }

    @Test
    void shellCompletionForBashAndZsh() {
        CliRun bash = CliRun.of("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_lanes", "ZSH_VERSION", "--threads", "compare", "report");
        assertThat(CliRun.of("completion", "zsh").out()).isEqualTo(bash.out());
        CliRun fish = CliRun.of("completion", "fish");
        assertThat(fish.exit()).isEqualTo(2);
        assertThat(fish.err()).contains("completion: expected bash or zsh, got 'fish'");
    }

    @Test
    void progressFollowsWhatTheLauncherSaysOfStderr() {
        assertThat(Progress.mode(false, "1", false)).isEqualTo(Progress.Mode.TERMINAL);
        assertThat(Progress.mode(false, "0", true)).isEqualTo(Progress.Mode.LINES);
        assertThat(Progress.mode(false, null, true)).isEqualTo(Progress.Mode.TERMINAL);
        assertThat(Progress.mode(false, null, false)).isEqualTo(Progress.Mode.LINES);
        assertThat(Progress.mode(true, "1", true)).isEqualTo(Progress.Mode.QUIET);
    }

    @Test
    void aSweepRerunsOnlyTheStagesItsParametersReach() throws Exception {
        CliRun r = CliRun.of("run", spec("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: a, kernel: generate, params: { length: 1000, type: f64, seed: 1 } }
              - { id: b, kernel: generate, params: { length: 1000, type: f64, seed: 2 } }
              - { id: ab, kernel: dot, inputs: [a, b] }
              - { id: mm, kernel: matmul, params: { n: 16 } }
            sweep:
              mm.n: [16, 32, 48]
            """), "--cache-dir", cache(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(r.out());
        List<String> stages = new ArrayList<>();
        result.get("points").forEach(p -> stages.add(p.at("/key/stage").asText()));
        assertThat(stages).containsExactly("a", "b", "ab", "mm", "mm", "mm");
        assertThat(result.at("/points/2/key/point")).as("ab depends on no swept value").isEmpty();
        assertThat(result.at("/points/5/key/point/0/value").asLong()).isEqualTo(48);
        assertThat(result.at("/points/2/check/passed").asBoolean()).isTrue();
    }

    @Test
    void planMeasureWhereNothingIsDecidedByMeasurementIsAWarning() throws Exception {
        CliRun sweep = CliRun.of("run", spec(SWEPT.replace("threads: [1]", "threads: [1, 2]")), "--plan", "measure",
            "--cache-dir", cache(), "--quick");
        assertThat(sweep.exit()).as(sweep.err()).isZero();
        assertThat(sweep.err()).contains("lanes: warning: --plan measure has no effect here");
        CliRun forced = CliRun.of("run", spec(SWEPT), "--plan", "measure", "--backend", "simd", "--cache-dir", cache(), "--quick");
        assertThat(forced.err()).contains("lanes: warning: --plan measure has no effect with --backend simd");
        CliRun deciding = CliRun.of("run", spec(SWEPT), "--plan", "measure", "--cache-dir", cache(), "--quick");
        assertThat(deciding.err()).doesNotContain("--plan measure has no effect");
    }

    @Test
    void rawDataAndAPathSetOnTheCommandLine() throws Exception {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(6 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 6; i++) {
            bytes.putDouble(i);
        }
        Path raw = Files.write(dir.resolve("six.bin"), bytes.array());
        String file = spec("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: d, kernel: load, params: { file: elsewhere.bin, format: raw, type: f64, shape: [2, 3] } }
              - { id: s, kernel: sum-of-squares, inputs: [d] }
            """);
        CliRun missing = CliRun.of("run", file, "--cache-dir", cache());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("file: " + dir.resolve("elsewhere.bin") + ": no such file");
        // --set paths are the shell's: relative to the current directory, here given absolute
        CliRun r = CliRun.of("run", file, "--set", "d.file=" + raw, "--cache-dir", cache(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(r.out());
        assertThat(result.at("/points/1/output").asText()).isEqualTo("91.0");
        assertThat(result.at("/spec/files/0/bytes").asLong()).isEqualTo(48);
        CliRun wrongShape = CliRun.of("run", file, "--set", "d.file=" + raw, "--set", "d.shape=[4, 2]", "--cache-dir", cache());
        assertThat(wrongShape.exit()).isEqualTo(2);
        assertThat(wrongShape.err()).contains("holds 48 bytes, but shape [4, 2] of f64 needs 64: truncated");
    }

    @Test
    void aShellCommandIsAStageAndAThreadSweepIsAConcurrencySweep() throws Exception {
        CliRun r = CliRun.of("run", spec("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1, 2] }
            stages:
              - { id: copies, kernel: command, params: { run: "test -d /", copies: 3 }, backend: threads }
            """), "--cache-dir", cache(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(r.out());
        assertThat(result.get("points")).hasSize(2).allSatisfy(p -> {
            assertThat(p.at("/check/passed").asBoolean()).isTrue();
            assertThat(p.at("/size/dims/0").asLong()).isEqualTo(3);
            assertThat(p.get("estimate").isNull()).as("no cost model for a command").isTrue();
            assertThat(p.get("roof").isNull()).isTrue();
        });
        List<String> kinds = new ArrayList<>();
        result.get("derived").forEach(d -> kinds.add(d.get("kind").asText()));
        assertThat(kinds).contains("strong-scaling").doesNotContain("plan-accuracy");
        CliRun scan = CliRun.of("run", spec("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: c, kernel: command, params: { run: "true" } }
            sweep:
              c.run: ["true", "test -d /"]
            """), "--cache-dir", cache(), "--format", "json");
        assertThat(scan.exit()).as("a sweep over words: " + scan.err()).isZero();
        assertThat(new ObjectMapper().readTree(scan.out()).get("points")).hasSize(2);
        CliRun failing = CliRun.of("run", spec("""
            settings: { warmup: 0, iterations: 1, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: broken, kernel: command, params: { run: "exit 3", shell: always } }
            """), "--cache-dir", cache());
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.err()).contains("stage 'broken'", "task 0 of 1: exited 3 (stderr empty)");
    }

    @Test
    void theSortKernelDescribesWhatItDoes() {
        CliRun r = CliRun.of("kernels", "sort");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("radix-sorted chunks merged pairwise by all threads").doesNotContain("merge sort");
    }
}
