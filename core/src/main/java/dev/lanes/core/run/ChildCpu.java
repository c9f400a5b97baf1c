package dev.lanes.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of this JVM's child processes that have ended and been waited for, from
 * {@code /proc/self/stat} ({@code cutime}, {@code cstime}: a child's own time plus that of
 * the children it waited for). Its unit is the kernel's clock tick, {@code USER_HZ}, which
 * Linux fixes at 100 per second for user space: 10 ms, so a sample's figure is meaningful
 * for commands that run tens of milliseconds or more. Elsewhere (no {@code /proc}) it is
 * unknown. Java's own {@code ProcessHandle.Info} cannot give it: it only sees live processes.
 */
final class ChildCpu {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ChildCpu() {
    }

    /** User and system nanoseconds of the ended children so far, or {@code null} when unknown here. */
    static long[] now() {
        try {
            String stat = Files.readString(STAT);
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // cutime and cstime are fields 16 and 17 of the whole line; f starts at field 3
            return new long[] {Long.parseLong(f[13]) * NANOS_PER_TICK, Long.parseLong(f[14]) * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean known() {
        return now() != null;
    }
}
