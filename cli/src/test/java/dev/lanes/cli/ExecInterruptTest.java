package dev.lanes.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C (SIGINT) of a lanes process running commands leaves none of them running. */
class ExecInterruptTest {
    private static final String MARKER = "37.2718";

    @TempDir
    Path dir;

    @Test
    @Tag("slow")
    void anInterruptedRunLeavesNoChildBehind() throws Exception {
        Path spec = Files.writeString(dir.resolve("sleepy.yaml"), """
            settings: { iterations: 3 }
            stages:
              - id: sleepy
                kernel: exec
                params: { command: [sh, -c, "sleep %s & sleep %s; wait"], tasks: 2, concurrency: [2], warmup: 0 }
            """.formatted(MARKER, MARKER));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib")).toList());
        Path tmp = Files.createDirectories(dir.resolve("tmp"));                // the command's {tmp} folder goes here
        command.add("-Djava.io.tmpdir=" + tmp);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Lanes.class.getName(), "run", spec.toString(),
            "--quiet", "--cache-dir", dir.resolve("cache").toString(), "--gpu", "off"));
        Process lanes = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sleeps() < 4 && lanes.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sleeps()).as("the tasks started (2 shells and their 4 sleeps): " + Files.readString(dir.resolve("stderr.txt")))
                .isGreaterThanOrEqualTo(4);
            new ProcessBuilder("kill", "-INT", Long.toString(lanes.pid())).start().waitFor();
            assertThat(lanes.waitFor(30, TimeUnit.SECONDS)).as("lanes exits after SIGINT").isTrue();
            assertThat(lanes.exitValue()).isEqualTo(130);
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sleeps() > 0 && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertThat(sleeps()).as("sleep processes left running").isZero();
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("temporary folders left").isEmpty();
            }
        } finally {
            lanes.destroyForcibly();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(MARKER))
                .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static long sleeps() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep " + MARKER)).count();
    }
}
