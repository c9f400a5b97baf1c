package dev.lanes.cli;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.result.ForkMerge;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --forks N}: the specs run in N fresh JVMs, one after another, each writing its
 * results to a temporary file that is read back and removed, then every point's samples
 * joined with each fork's count kept ({@link ForkMerge}). Samples inside one JVM agree more
 * than samples of different JVMs (page placement, JIT decisions), so a comparison of
 * forked results treats each fork's median as one observation, as JMH's forks do.
 */
final class ForkedRuns {
    private ForkedRuns() {
    }

    /**
     * @param childArgs the arguments of {@code lanes run} for a child, without outputs
     * @param progress  told the results so far after each fork, the last one incomplete
     */
    static List<RunResult> run(int forks, List<String> childArgs, PrintWriter err, boolean quiet,
                               Consumer<List<RunResult>> progress) {
        List<List<RunResult>> byFork = new ArrayList<>();
        Path dir;
        try {
            dir = Files.createTempDirectory("lanes-forks");
        } catch (IOException e) {
            throw new ExecutionException("--forks: cannot make a temporary folder: " + e.getMessage(), e);
        }
        try {
            for (int f = 1; f <= forks; f++) {
                if (!quiet) {
                    err.println("lanes: fork " + f + " of " + forks + " (a fresh JVM)");
                    err.flush();
                }
                Path out = dir.resolve("fork-" + f + ".json");
                runChild(f, forks, childArgs, out);
                byFork.add(ResultJson.read(out));
                progress.accept(merge(byFork, f < forks));
            }
            return merge(byFork, false);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary folder the system cleans anyway
            }
        }
    }

    private static List<RunResult> merge(List<List<RunResult>> byFork, boolean partial) {
        List<RunResult> merged = new ArrayList<>();
        for (int spec = 0; spec < byFork.get(0).size(); spec++) {
            int s = spec;
            RunResult one = ForkMerge.merge(byFork.stream().map(runs -> runs.get(s)).toList());
            merged.add(partial ? one.unfinished() : one);
        }
        return merged;
    }

    private static void runChild(int fork, int forks, List<String> childArgs, Path out) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Lanes.class.getName()));
        command.addAll(childArgs);
        command.addAll(List.of("--quiet", "--format", "json", "-o", out.toString()));
        try {
            Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(child.getErrorStream().readAllBytes());
            int exit = child.waitFor();
            if (exit != 0) {
                String last = stderr.lines().filter(l -> l.startsWith("lanes: ")).reduce((a, b) -> b).orElse(stderr.strip());
                throw new ExecutionException("fork " + fork + " of " + forks + " failed (exit " + exit + "): " + last);
            }
        } catch (IOException e) {
            throw new ExecutionException("fork " + fork + " of " + forks + ": cannot start a JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException("fork " + fork + " of " + forks + ": interrupted");
        }
    }
}
