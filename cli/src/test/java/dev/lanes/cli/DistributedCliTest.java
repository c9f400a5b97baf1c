package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed backend end to end: three {@code lanes member} JVMs on free loopback ports
 * with a random cluster name, a driver that spreads each stage's blocks over them, and the
 * result checked against a run on one machine bit for bit; then a member killed mid-stage.
 */
@Tag("slow")
class DistributedCliTest {
    private static final String SPEC = """
        name: spread
        settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
        stages:
          - { id: data, kernel: generate, params: { length: 3M, seed: 11 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
          - { id: hist, kernel: histogram, inputs: [data], params: { bins: 100 } }
          - { id: product, kernel: matmul, params: { n: 300, type: f64, seed: 3 } }
        """;

    @TempDir
    Path dir;

    private final List<Process> members = new ArrayList<>();
    private final String cluster = "lanes-test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopMembers() throws InterruptedException {
        for (Process p : members) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-Xlog")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Lanes.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts a member and waits for the line that says it is in the cluster. */
    private String member(String join) throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("member", "--port", String.valueOf(port), "--cluster", cluster,
            "--threads", "1", "--cache-dir", dir.resolve("cache").toString()));
        if (join != null) {
            args.addAll(List.of("--join", join));
        }
        Process p = new ProcessBuilder(java(args.toArray(String[]::new))).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        members.add(p);
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream()));
        StringBuilder seen = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("lanes: member 127.0.0.1:" + port)) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the member is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                assertThat(seen.toString()).as("a member starts without Hazelcast's warnings").doesNotContain("WARNING: Hazelcast", "sun.misc.Unsafe");
                return "127.0.0.1:" + port;
            }
        }
        throw new AssertionError("member did not start: " + seen);
    }

    private List<String> threeMembers() throws IOException {
        String first = member(null);
        return List.of(first, member(first), member(first));
    }

    @Test
    void threeMembersComputeTheBitsOfOneMachineOnDisjointRanges() throws Exception {
        List<String> addresses = threeMembers();
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        Path spread = dir.resolve("spread.json");
        CliRun r = CliRun.of("run", spec.toString(), "--backend", "distributed", "--members", String.join(",", addresses),
            "--cluster", cluster, "--quiet", "--cache-dir", dir.resolve("cache").toString(), "-o", spread.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path local = dir.resolve("local.json");
        // the members run the same single-thread code a threaded run does (SIMD where usable): the same bits
        CliRun one = CliRun.of("run", spec.toString(), "--backend", "threads", "--threads", "2", "--quiet", "--cache-dir",
            dir.resolve("cache").toString(), "-o", local.toString());
        assertThat(one.exit()).as(one.err()).isZero();
        JsonNode many = new ObjectMapper().readTree(spread.toFile());
        JsonNode single = new ObjectMapper().readTree(local.toFile());
        Set<Long> pids = new HashSet<>();
        for (int i = 1; i <= 3; i++) {
            JsonNode p = many.get("points").get(i);
            String stage = p.at("/key/stage").asText();
            assertThat(p.at("/key/backend").asText()).isEqualTo("distributed");
            assertThat(p.get("checksum").asDouble()).as(stage).isEqualTo(single.get("points").get(i).get("checksum").asDouble());
            assertThat(p.at("/check/passed").asBoolean()).as(stage + " against the scalar reference").isTrue();
            JsonNode work = p.at("/cluster/members");
            assertThat(work).as(stage + ": every member had blocks").hasSize(3);
            int next = 0;
            for (int m = 0; m < 3; m++) {
                JsonNode w = work.get(m);
                assertThat(w.get("member").asText()).isEqualTo(addresses.get(m));
                assertThat(w.get("firstBlock").asInt()).as("ranges are contiguous, disjoint and in order").isEqualTo(next);
                next = w.get("endBlock").asInt();
                assertThat(next).isGreaterThan(w.get("firstBlock").asInt());
                pids.add(w.get("pid").asLong());
            }
            assertThat(p.at("/cluster/sharedHost").asBoolean()).isTrue();
        }
        assertThat(pids).as("three member processes did the work, none of them this one").hasSize(3)
            .doesNotContain(ProcessHandle.current().pid());
        CliRun report = CliRun.of("report", spread.toString());
        assertThat(report.out()).contains("Members · ", "the members share a host, so their time is not a speedup");
    }

    @Test
    void theClusterFlagsGoTogetherAndAnAbsentMemberIsNamed() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        CliRun noMembers = CliRun.of("run", spec.toString(), "--backend", "distributed");
        assertThat(noMembers.exit()).isEqualTo(2);
        assertThat(noMembers.err()).contains("--backend distributed: give --members HOST:PORT,...");
        CliRun noBackend = CliRun.of("run", spec.toString(), "--members", "127.0.0.1:5701", "--cluster", cluster);
        assertThat(noBackend.exit()).isEqualTo(2);
        assertThat(noBackend.err()).contains("--members: only with --backend distributed");
        CliRun noName = CliRun.of("run", spec.toString(), "--backend", "distributed", "--members", "127.0.0.1:5701");
        assertThat(noName.exit()).isEqualTo(2);
        assertThat(noName.err()).contains("--members: give --cluster NAME");
        CliRun tooMany = CliRun.of("run", spec.toString(), "--backend", "distributed", "--members", "127.0.0.1:5701",
            "--cluster", cluster, "--threads", "1,2");
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.err()).contains("these are member counts, and --members names 1");
        CliRun plan = CliRun.of("plan", spec.toString(), "--backend", "distributed");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err()).contains("the cost model knows no cluster");
    }

    @Test
    void ctrlCStopsTheDriverAndItsClusterThreadsAndTheMembersRunOn() throws Exception {
        String member = member(null);
        Path spec = Files.writeString(dir.resolve("spec.yaml"), """
            settings: { warmup: 0, iterations: 100000, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: product, kernel: matmul, params: { n: 200, type: f64 } }
            """);
        // env --default-signal: a child of a process that ignores SIGINT (a background job) would ignore it too
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(java("run", spec.toString(), "--backend", "distributed", "--members", member, "--cluster", cluster,
            "--cache-dir", dir.resolve("cache").toString(), "-o", dir.resolve("r.json").toString()));
        Process driver = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(driver.getErrorStream()));
            StringBuilder seen = new StringBuilder();
            for (String line = err.readLine(); line != null && !line.contains("[1/1] product"); line = err.readLine()) {
                seen.append(line).append('\n');
            }
            Thread.sleep(1000);
            new ProcessBuilder("kill", "-INT", Long.toString(driver.pid())).start().waitFor();
            assertThat(driver.waitFor(30, TimeUnit.SECONDS)).as("the driver exits; no engine thread keeps it: " + seen).isTrue();
            seen.append(new String(driver.getErrorStream().readAllBytes()));
            assertThat(driver.exitValue()).as(seen.toString()).isEqualTo(130);
            assertThat(members.get(0).isAlive()).as("a member outlives a driver").isTrue();
        } finally {
            driver.destroyForcibly();
        }
    }

    @Test
    void aMemberKilledMidStageFailsTheStageNamingIt() throws Exception {
        List<String> addresses = threeMembers();
        Path spec = Files.writeString(dir.resolve("spec.yaml"), """
            settings: { warmup: 0, iterations: 100000, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: product, kernel: matmul, params: { n: 200, type: f64 } }
              - { id: after, kernel: sum-of-squares, inputs: [product] }
            """);
        Process driver = new ProcessBuilder(java("run", spec.toString(), "--backend", "distributed", "--members",
            String.join(",", addresses), "--cluster", cluster, "--cache-dir", dir.resolve("cache").toString(),
            "-o", dir.resolve("r.json").toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(driver.getErrorStream()));
            StringBuilder seen = new StringBuilder();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                seen.append(line).append('\n');
                if (line.contains("[1/2] product")) {
                    break;
                }
            }
            Thread.sleep(1500);                               // the stage is running, member by member
            members.get(1).destroyForcibly();                 // kill -9
            assertThat(driver.waitFor(60, TimeUnit.SECONDS)).as("the driver does not hang: " + seen).isTrue();
            seen.append(new String(driver.getErrorStream().readAllBytes()));
            assertThat(driver.exitValue()).as(seen.toString()).isEqualTo(3);
            assertThat(seen.toString()).contains("stage 'product' (distributed): member " + addresses.get(1));
            assertThat(seen.toString()).contains("cancelled the stages that depend on it: after");
        } finally {
            driver.destroyForcibly();
        }
    }
}
