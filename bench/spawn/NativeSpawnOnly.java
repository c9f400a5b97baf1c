package dev.lanes.core.kernels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What starting and reaping `true` costs through NativeSpawn alone (posix_spawnp, wait4),
 * without the sampler or the exec task around it: the floor lanes' exec kernel can reach.
 * In lanes' package to reach the package-private class; bench/spawn-true.sh compiles and runs it.
 */
public final class NativeSpawnOnly {
    public static void main(String[] args) throws Exception {
        NativeSpawn spawn = NativeSpawn.available().orElseThrow(() -> new IllegalStateException("no posix_spawnp here"));
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        var environment = NativeSpawn.environment(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        var streams = new NativeSpawn.Streams(Path.of("/dev/null"), Path.of("/dev/null"));
        int runs = 300;
        try (NativeSpawn.Command command = spawn.prepare(List.of("true"), environment, null, streams)) {
        for (int round = 1; round <= 3; round++) {
            long[] start = new long[runs];
            long[] await = new long[runs];
            for (int i = -50; i < runs; i++) {
                long t0 = System.nanoTime();
                long pid = command.start();
                long t1 = System.nanoTime();
                command.await(pid);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    start[i] = t1 - t0;
                    await[i] = t2 - t1;
                }
            }
            Arrays.sort(start);
            Arrays.sort(await);
            System.out.printf("round %d: posix_spawnp %.3f ms + wait4 %.3f ms (medians of %d)%n", round,
                start[runs / 2] / 1e6, await[runs / 2] / 1e6, runs);
        }
        }
    }
}
