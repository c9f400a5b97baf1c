package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lanes run --shard K/N} writes partial results; {@code lanes merge} joins them or refuses with exit 2. */
class ShardCliTest {
    private static final String SPEC = """
        name: sharded
        settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1] }
        stages:
          - { id: data, kernel: generate, params: { length: 20000 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
        sweep:
          data.length: [10000, 20000, 30000]
        """;

    @TempDir
    Path dir;

    private CliRun shard(Path spec, String k, String... more) {
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--shard", k, "--quiet", "--cache-dir",
            dir.resolve("cache").toString(), "-o", dir.resolve("part-{shard}.json").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void shardsMergeIntoOneResultAndBadSetsAreRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        for (int k = 1; k <= 3; k++) {
            CliRun r = shard(spec, k + "/3");
            assertThat(r.exit()).as(r.err()).isZero();
        }
        String p1 = dir.resolve("part-1.json").toString();
        String p2 = dir.resolve("part-2.json").toString();
        String p3 = dir.resolve("part-3.json").toString();
        JsonNode part2 = new ObjectMapper().readTree(Path.of(p2).toFile());
        assertThat(part2.at("/shard/index").asInt()).isEqualTo(2);
        assertThat(part2.at("/shard/own")).hasSize(1);

        Path merged = dir.resolve("merged.json");
        CliRun merge = CliRun.of("merge", p3, p1, p2, "-o", merged.toString());
        assertThat(merge.exit()).as(merge.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(merged.toFile());
        assertThat(json.get("shard").isNull()).isTrue();
        assertThat(json.get("mergedFrom")).hasSize(3);
        List<Long> lengths = new ArrayList<>();
        json.get("points").forEach(p -> {
            if (p.at("/key/stage").asText().equals("squares")) {
                lengths.add(p.at("/key/point/0/value").asLong());
            }
        });
        assertThat(lengths).containsExactly(10000L, 20000L, 30000L);
        assertThat(CliRun.of("report", merged.toString()).out()).startsWith("lanes ").contains(" · merged from 3 shards\n");
        assertThat(CliRun.of("report", p2).out()).contains(" · SHARD 2/3 (1 of the workload's 3 units; lanes merge joins");

        CliRun missing = CliRun.of("merge", p1, p3, "-o", dir.resolve("m.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("shard 2 of 3 is missing (given: 1, 3)");
        CliRun twice = CliRun.of("merge", p1, p2, p2, p3, "-o", dir.resolve("m.json").toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("shard 2/3 appears twice");
        Path other = Files.writeString(dir.resolve("other.yaml"), SPEC.replace("length: 20000 }", "length: 20000, seed: 3 }"));
        CliRun foreignRun = CliRun.of("run", other.toString(), "--shard", "2/3", "--quiet", "--cache-dir",
            dir.resolve("cache").toString(), "-o", dir.resolve("foreign.json").toString());
        assertThat(foreignRun.exit()).as(foreignRun.err()).isZero();
        CliRun foreign = CliRun.of("merge", p1, dir.resolve("foreign.json").toString(), p3);
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("foreign.json: not a shard of the same run as " + p1 + ": its spec digest");
        assertThat(Files.exists(dir.resolve("m.json"))).as("nothing written by a refused merge").isFalse();
    }

    @Test
    void blockShardsMergeIntoTheOneMachineOutputChecked() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), """
            name: cut
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: data, kernel: generate, params: { length: 400000, seed: 4 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
              - { id: product, kernel: matmul, params: { n: 300, seed: 2 } }
            """);
        Path whole = dir.resolve("whole.json");
        CliRun one = CliRun.of("run", spec.toString(), "--quiet", "--cache-dir", dir.resolve("cache").toString(), "-o",
            whole.toString());
        assertThat(one.exit()).as(one.err()).isZero();
        for (int k = 1; k <= 3; k++) {
            CliRun r = shard(spec, k + "/3", "--shard-by", "blocks");
            assertThat(r.exit()).as(r.err()).isZero();
        }
        assertThat(CliRun.of("report", dir.resolve("part-2.json").toString()).out()).contains(" · SHARD 2/3 of the blocks");
        Path merged = dir.resolve("merged.json");
        CliRun merge = CliRun.of("merge", dir.resolve("part-2.json").toString(), dir.resolve("part-3.json").toString(),
            dir.resolve("part-1.json").toString(), "-o", merged.toString());
        assertThat(merge.exit()).as(merge.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(whole.toFile()).get("points");
        JsonNode b = new ObjectMapper().readTree(merged.toFile()).get("points");
        assertThat(b).hasSize(a.size());
        for (int i = 0; i < a.size(); i++) {
            for (String field : List.of("key", "definition", "checksum", "output", "elements", "flops")) {
                assertThat(b.get(i).get(field)).as("point %d %s", i, field).isEqualTo(a.get(i).get(field));
            }
            assertThat(b.get(i).at("/check/passed").asBoolean()).isTrue();
        }
        assertThat(b.get(1).at("/cluster/members")).hasSize(3);

        CliRun noShard = CliRun.of("run", spec.toString(), "--shard-by", "blocks", "--quiet", "-o",
            dir.resolve("x.json").toString());
        assertThat(noShard.exit()).isEqualTo(2);
        assertThat(noShard.err()).contains("--shard-by blocks: says how --shard K/N shares the work; give --shard too");
        CliRun unknown = shard(spec, "1/3", "--shard-by", "rows");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--shard-by: expected units or blocks, got 'rows'");
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
    }

    @Test
    void aShardNeedsAJsonOutputAndCannotBeGated() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        CliRun table = CliRun.of("run", spec.toString(), "--shard", "1/2", "--quiet");
        assertThat(table.exit()).isEqualTo(2);
        assertThat(table.err()).contains("--shard 1/2: a shard writes a partial result for lanes merge: give a JSON output");
        CliRun gated = shard(spec, "1/2", "--baseline", dir.resolve("b.json").toString());
        assertThat(gated.exit()).isEqualTo(2);
        assertThat(gated.err()).contains("a shard's result is part of a run, not a run to gate");
        CliRun none = shard(spec, "3/2");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--shard 3/2: shard 3 of 2 does not exist (shards are 1..2)");
        CliRun word = shard(spec, "two");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("--shard two: expected K/N");
        CliRun empty = shard(spec, "4/4");
        assertThat(empty.exit()).as(empty.err()).isZero();
        assertThat(empty.err()).contains("shard 4/4 has nothing to run: the workload has 3 unit(s)");
    }
}
