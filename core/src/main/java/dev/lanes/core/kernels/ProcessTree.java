package dev.lanes.core.kernels;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping a command's processes so that none outlives lanes: a timeout kills the
 * whole tree (its descendants first, listed while the parent still links them, then the
 * process), and on JVM exit — normal, a failure, Ctrl-C or SIGTERM — a shutdown hook kills
 * every process this JVM started and their descendants, then removes the commands' temporary
 * folders that no close removed. (SIGKILL of the JVM cannot be caught; the children of a
 * terminal's Ctrl-C also get the signal from the terminal.)
 */
final class ProcessTree {
    /** Timeouts of processes waited for natively: one daemon thread kills the trees whose time is up. */
    static final java.util.concurrent.ScheduledExecutorService TIMER = java.util.concurrent.Executors
        .newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lanes-exec-timeouts").unstarted(r));
    private static final Thread REAPER = Thread.ofPlatform().name("lanes-kill-children").unstarted(ProcessTree::killAll);

    static {
        Runtime.getRuntime().addShutdownHook(REAPER);
    }

    private ProcessTree() {
    }

    /** Makes sure the shutdown hook is in place (class initialisation registers it). */
    static void guard() {
    }

    /**
     * Waits for the process, killing its tree when the timeout passes first.
     *
     * @param timeoutNanos 0 for none
     * @return the exit status, or {@code null} when it timed out and was killed
     */
    static Integer await(Process process, long timeoutNanos) throws InterruptedException {
        try {
            if (timeoutNanos <= 0) {
                return process.waitFor();
            }
            if (process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
                return process.exitValue();
            }
            kill(process.toHandle());
            process.waitFor();
            return null;
        } catch (InterruptedException e) {
            kill(process.toHandle());
            throw e;
        }
    }

    /** Kills a process and everything it started that is still running. */
    static void kill(ProcessHandle process) {
        List<ProcessHandle> tree = process.descendants().toList();      // before the parent dies and they are re-parented
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** The commands' {tmp} folders still open: an interrupted run removes them on its way out. */
    private static final java.util.Set<java.nio.file.Path> FOLDERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A temporary folder the shutdown hook removes if the stage's close does not. */
    static void removeOnExit(java.nio.file.Path folder) {
        FOLDERS.add(folder);
    }

    /** The stage's close removed it. */
    static void removed(java.nio.file.Path folder) {
        FOLDERS.remove(folder);
    }

    private static void killAll() {
        ProcessHandle.current().children().forEach(ProcessTree::kill);
        for (java.nio.file.Path folder : FOLDERS) {
            try (var all = java.nio.file.Files.walk(folder)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
                // the JVM is exiting; what cannot be removed now stays, as it would have
            }
        }
    }
}
