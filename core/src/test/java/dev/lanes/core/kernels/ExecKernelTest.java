package dev.lanes.core.kernels;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.report.Format;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ProcessRow;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.StageFailure;
import dev.lanes.core.run.RunListener;
import dev.lanes.core.run.Runner;
import dev.lanes.core.spec.SpecException;
import dev.lanes.core.spec.SpecLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kernel: exec} with real processes: concurrency, failures, timeouts, setup / prepare / cleanup, CPU time. */
class ExecKernelTest {
    private static final Accelerators SCALAR = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator()));

    @TempDir
    Path dir;

    private static RunResult run(String spec) {
        var w = new SpecLoader(BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", spec, List.of(), false);
        return new Runner(SCALAR, RunListener.NONE, "test").run(w, MachineInfo.detect(SCALAR), null);
    }

    private static PointResult point(RunResult r, String stage, int threads) {
        return r.points().stream().filter(p -> p.key().stage().equals(stage) && p.key().threads() == threads).findFirst()
            .orElseThrow();
    }

    @Test
    @Tag("slow")
    void eightSleepsAtConcurrencyFourTakeTwoRounds() {
        RunResult r = run("""
            settings: { iterations: 3 }
            stages:
              - id: sleeps
                kernel: exec
                params: { command: [sh, -c, "sleep 0.2"], tasks: 8, concurrency: [4], warmup: 0 }
            """);
        PointResult p = point(r, "sleeps", 4);
        // two rounds of 0.2 s, plus starting 8 shells (generous bounds for a shared machine)
        assertThat(p.summary().medianNanos()).isBetween(0.39e9, 0.75e9);
        assertThat(p.check().passed()).isTrue();
        assertThat(p.output()).startsWith("8 tasks exited 0; starting true takes");
        assertThat(p.notes()).noneMatch(n -> n.contains("oversubscribed"));
    }

    @Test
    void aFailingTaskFailsTheStageWithItsStatusAndStderrTailAndCancelsWhatWaitsForIt() {
        RunResult r = run("""
            settings: { iterations: 2 }
            stages:
              - id: fails
                kernel: exec
                params: { command: "echo first >&2; echo oops >&2; exit 3", shell: true, warmup: 0 }
              - id: later
                kernel: exec
                params: { command: "true", warmup: 0 }
                after: [fails]
              - id: other
                kernel: exec
                params: { command: [sh, -c, "exit 4"], ignore-failure: true, tasks: 2, warmup: 0 }
            """);
        assertThat(r.complete()).isFalse();
        StageFailure f = r.failures().get(0);
        assertThat(f.stage()).isEqualTo("fails");
        assertThat(f.error()).startsWith("stage 'fails'").contains("task 0 of 1: exited 3; stderr ends: first | oops");
        assertThat(f.cancelled()).containsExactly("later");
        PointResult ignored = r.points().stream().filter(p -> p.key().stage().equals("other")).findFirst().orElseThrow();
        assertThat(ignored.check().passed()).isTrue();
        assertThat(ignored.output()).startsWith("2 tasks, 2 exited non-zero (ignored)");
    }

    @Test
    void aTimeoutKillsTheTaskAndEverythingItStarted() throws Exception {
        String marker = "31.4159";
        RunResult r = run("""
            settings: { iterations: 1 }
            stages:
              - id: slow
                kernel: exec
                params: { command: [sh, -c, "sleep %s & sleep %s; wait"], timeout: 300ms, warmup: 0 }
            """.formatted(marker, marker));
        assertThat(r.failures().get(0).error()).contains("timed out after 0.300 s; its process tree was killed");
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (survivors(marker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(survivors(marker)).as("sleep processes left running").isZero();
    }

    private static long survivors(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).count();
    }

    @Test
    void setupPrepareAndCleanupRunWhenTheyShouldAndPlaceholdersAreReplaced() throws Exception {
        Path seen = dir.resolve("seen.txt");
        RunResult r = run("""
            settings: { iterations: 3 }
            stages:
              - id: tasks
                kernel: exec
                params:
                  command: "echo {task}/{tasks}/{threads} >> {tmp}/seen; cat {tmp}/seed > /dev/null"
                  shell: true
                  tasks: 3
                  concurrency: [1, 2]
                  warmup: 1
                  env: { TARGET: "%s" }
                  setup: "echo setup > {tmp}/seed"
                  prepare: "echo prepared >> {tmp}/prepared"
                  cleanup: "cat {tmp}/seen > $TARGET; wc -l < {tmp}/prepared >> $TARGET; echo {tmp} >> $TARGET"
            """.formatted(seen));
        assertThat(r.complete()).as(r.failures().toString()).isTrue();
        List<String> lines = Files.readAllLines(seen);
        // 4 samples (1 warm-up + 3) of 3 tasks each, at concurrency 1 and then 2: {threads} follows the count
        // (a task's command line is kept between its starts, and must be made again when the count changes)
        assertThat(lines.subList(0, 12)).containsOnly("0/3/1", "1/3/1", "2/3/1").contains("0/3/1", "1/3/1", "2/3/1");
        assertThat(lines.subList(12, 24)).containsOnly("0/3/2", "1/3/2", "2/3/2").contains("0/3/2", "1/3/2", "2/3/2");
        assertThat(lines.get(24).strip()).isEqualTo("8");
        assertThat(Path.of(lines.get(25))).as("the temporary folder is removed").doesNotExist();
    }

    @Test
    void theCommandsCpuTimeIsTakenBesideTheWallTime() {
        RunResult r = run("""
            settings: { iterations: 3 }
            stages:
              - id: busy
                kernel: exec
                params: { command: [sh, -c, "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"], warmup: 0 }
            """);
        PointResult p = point(r, "busy", 1);
        assertThat(p.processCpu()).isNotNull();
        for (int i = 0; i < p.samplesNanos().size(); i++) {
            long cpu = p.processCpu().userNanos().get(i) + p.processCpu().systemNanos().get(i);
            assertThat(cpu).as("sample %d", i).isPositive().isLessThanOrEqualTo(p.samplesNanos().get(i) + 20_000_000L);
        }
        if (NativeSpawn.available().isPresent()) {
            // each process's own accounts, in µs, not the kernel's 10 ms ticks for the JVM's children
            assertThat(p.processCpu().userNanos()).anyMatch(n -> n % 10_000_000L != 0);
        }
        ProcessRow row = r.rows(ProcessRow.class).get(0);
        assertThat(row.utilisation()).isBetween(0.5, 1.1);
        assertThat(Format.TABLE.renderer().render(List.of(r))).contains("Processes · CPU time against wall time")
            .contains("busy: 1 task exited 0; starting true takes");
    }

    @Test
    void bothWaysOfStartingATaskEndItAlike() {
        if (System.getProperty("os.name").equals("Linux")) {
            assertThat(NativeSpawn.available()).as("posix_spawnp through the JDK's foreign-function API").isPresent();
        }
        for (NativeSpawn spawn : java.util.Arrays.asList(NativeSpawn.available().orElse(null), null)) {
            String way = spawn == null ? "ProcessBuilder" : "posix_spawnp";
            ExecTasks fails = tasks(List.of("sh", "-c", "echo bad >&2; exit 5"), 0, spawn);
            fails.open();
            try {
                assertThatThrownBy(() -> fails.block(null, 0, 1)).as(way).hasMessage("task 0 of 1: exited 5; stderr ends: bad");
            } finally {
                assertThat(fails.close()).isNull();
            }
            ExecTasks slow = tasks(List.of("sleep", "9.87"), 200_000_000L, spawn);
            slow.open();
            try {
                assertThatThrownBy(() -> slow.block(null, 0, 1)).as(way)
                    .hasMessage("task 0 of 1: timed out after 0.200 s; its process tree was killed");
                assertThat(tasks(List.of("true"), 0, spawn)).satisfies(ok -> {
                    ok.open();
                    assertThat(ok.block(null, 0, 1)).isZero();
                    assertThat(ok.close()).isNull();
                });
            } finally {
                slow.close();
            }
            assertThat(tasks(List.of("no-such-program-lanes"), 0, spawn)).satisfies(missing -> {
                missing.open();
                assertThatThrownBy(() -> missing.block(null, 0, 1)).as(way).hasMessageContaining("could not start 'no-such-program-lanes'");
                missing.close();
            });
        }
    }

    private static ExecTasks tasks(List<String> command, long timeoutNanos, NativeSpawn spawn) {
        return new ExecTasks(new ExecTasks.Options(new CommandLine(command, false), 1, Map.of(), null, timeoutNanos, null, null,
            null, false, "discard"), spawn);
    }

    @Test
    void badCommandsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> run("stages:\n  - { id: a, kernel: exec, params: { command: [] } }\n"))
            .isInstanceOf(SpecException.class).hasMessageContaining("command: expected a command");
        assertThatThrownBy(() -> run("stages:\n  - { id: a, kernel: exec, params: { command: x, timeout: 5 parsecs } }\n"))
            .isInstanceOf(SpecException.class).hasMessageContaining("timeout: expected a duration such as 30s");
        RunResult missing = run("""
            settings: { iterations: 1 }
            stages:
              - { id: a, kernel: exec, params: { command: [no-such-program-lanes, x], ignore-failure: true, warmup: 0 } }
              - { id: b, kernel: exec, params: { command: "true", cwd: no/such/folder, warmup: 0 } }
            """);
        assertThat(missing.failures()).extracting(StageFailure::error).satisfiesExactly(
            e -> assertThat(e).startsWith("stage 'a'").contains("could not start 'no-such-program-lanes'"),
            e -> assertThat(e).startsWith("stage 'b'").contains("cwd: no such folder"));
    }
}
