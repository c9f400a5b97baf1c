package dev.lanes.cli;

import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.spec.Workload;

import java.io.PrintWriter;
import java.util.List;

/**
 * Flags that will not do what they say are said up front, on stderr (each point's notes in
 * the result say it again): a thread list that a one-thread backend ignores, counts above the
 * cores (which run as asked, oversubscribed), and {@code --plan measure} where nothing is
 * decided by measurement.
 */
final class FlagWarnings {
    private FlagWarnings() {
    }

    /**
     * @param threadsFlag {@code --threads} as given, or null
     * @param override    {@code --backend}, or null
     */
    static void print(PrintWriter err, String threadsFlag, BackendChoice override, List<Workload> workloads, int cores) {
        if (override == BackendChoice.DISTRIBUTED) {
            return;                                   // its counts are members, each on its own cores
        }
        if (threadsFlag != null && override != null && override != BackendChoice.THREADS && override != BackendChoice.AUTO
            && workloads.stream().anyMatch(w -> w.settings().threads().stream().anyMatch(t -> t != 1))) {
            err.println("lanes: warning: --threads " + threadsFlag + " has no effect with --backend " + override.label()
                + ", which runs on one thread; --backend threads sweeps thread counts");
        }
        for (Workload w : workloads) {
            List<Integer> above = w.settings().threads().stream().filter(t -> t > cores).toList();
            if (!above.isEmpty()) {
                err.println("lanes: warning: " + w.source() + ": " + (above.size() == 1 ? "thread count " : "thread counts ")
                    + above + (above.size() == 1 ? " is" : " are") + " more than the " + cores
                    + " cores here: those points run as asked, oversubscribed (noted in the result)");
            }
        }
    }

    /**
     * {@code --plan measure} decides an auto stage run on one thread count; with a forced
     * backend, or a thread sweep (which measures every count), it decides nothing.
     */
    static void planMode(PrintWriter err, boolean measure, BackendChoice override, List<Workload> workloads) {
        if (!measure) {
            return;
        }
        if (override != null && override != BackendChoice.AUTO) {
            err.println("lanes: warning: --plan measure has no effect with --backend " + override.label()
                + ": it chooses among the backends of auto stages");
            return;
        }
        boolean decides = workloads.stream().anyMatch(w -> w.settings().threads().size() <= 1 && w.stages().stream()
            .anyMatch(s -> !s.kernel().isSource() && w.backendOf(s) == BackendChoice.AUTO));
        if (!decides) {
            err.println("lanes: warning: --plan measure has no effect here: it decides auto stages that run on one thread "
                + "count, and this run sweeps threads or forces every stage's backend");
        }
    }
}
