package dev.lanes.cli;

import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.spec.Workload;

import java.io.PrintWriter;
import java.util.List;

/**
 * Thread counts that will not run as written are said up front, on stderr (each point's
 * notes in the result say it again): a thread list that a one-thread backend ignores, and
 * counts above the cores, which run as asked but oversubscribed.
 */
final class ThreadWarnings {
    private ThreadWarnings() {
    }

    /**
     * @param threadsFlag {@code --threads} as given, or null
     * @param override    {@code --backend}, or null
     */
    static void print(PrintWriter err, String threadsFlag, BackendChoice override, List<Workload> workloads, int cores) {
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
}
