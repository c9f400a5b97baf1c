package dev.lanes.core.plan;

import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.StageGraph;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * How a concurrent run schedules one sweep point's measured stages: ready set by ready set
 * ({@link StageGraph#waves}), the stages of a set started together, the thread budget split
 * between them ({@link ThreadShares}); a set of one stage runs alone with the whole budget.
 * {@code lanes plan} prints it, and the runner runs it.
 *
 * @param budget the threads the stages of a set share: the largest count in {@code settings.threads}
 */
public record ConcurrentSchedule(int budget, List<Wave> waves) {

    public ConcurrentSchedule {
        waves = List.copyOf(waves);
    }

    /** A ready set: its stages and each one's threads. */
    public record Wave(List<Slot> slots) {
        public Wave {
            slots = List.copyOf(slots);
        }

        public boolean together() {
            return slots.size() > 1;
        }
    }

    /** One stage of a set and the threads it runs on (1 on a single-thread backend). */
    public record Slot(String stage, int threads) {
    }

    /**
     * @param measured which stages are measured at this point (sources are not; nor is a stage that must
     *                 run alone, such as one on the GPU)
     * @param weight   a stage's expected single-thread time, {@code NaN} when unknown
     * @param cap      the most threads a stage can use
     */
    public static ConcurrentSchedule of(StageGraph graph, Predicate<Stage> measured, ToDoubleFunction<Stage> weight,
                                        ToIntFunction<Stage> cap, int budget) {
        List<Wave> waves = graph.waves(measured).stream().map(set -> {
            double[] weights = set.stream().mapToDouble(weight).toArray();
            int[] caps = set.stream().mapToInt(s -> Math.min(cap.applyAsInt(s), budget)).toArray();
            int[] shares = set.size() == 1 ? new int[] {caps[0]} : ThreadShares.split(budget, weights, caps);
            return new Wave(java.util.stream.IntStream.range(0, set.size())
                .mapToObj(i -> new Slot(set.get(i).id(), shares[i])).toList());
        }).toList();
        return new ConcurrentSchedule(budget, waves);
    }

    /**
     * The schedule of one sweep point of a concurrent run. Measured: the stages that run at
     * this point (every stage at the first point; later, those a sweep reaches), except data
     * sources and stages that ask for the GPU, which run alone (an {@code auto} stage runs on
     * the threads backend with its share). A stage that asks for scalar or simd, or whose
     * kernel has no threaded form, takes one thread.
     *
     * @param override {@code --backend}, or {@code null}
     * @param weight   a stage's expected single-thread time, {@code NaN} when unknown
     */
    public static ConcurrentSchedule forPoint(Workload workload, SweepPoint point, BackendChoice override,
                                              ToDoubleFunction<Stage> weight) {
        int budget = java.util.Collections.max(workload.settings().threads());
        java.util.Set<String> swept = workload.sweptStages();
        Predicate<Stage> measured = s -> !s.kernel().isSource() && (point.index() == 0 || swept.contains(s.id()))
            && requested(workload, s, override) != BackendChoice.GPU;
        ToIntFunction<Stage> cap = s -> {
            BackendChoice b = requested(workload, s, override);
            return s.kernel().backends().contains(Backend.THREADS) && (b == BackendChoice.AUTO || b == BackendChoice.THREADS)
                ? budget : 1;
        };
        return of(workload.graph(), measured, weight, cap, budget);
    }

    private static BackendChoice requested(Workload workload, Stage stage, BackendChoice override) {
        return override != null ? override : workload.backendOf(stage);
    }

    /** The slot of a stage, if the schedule runs it together with others. */
    public java.util.Optional<Slot> together(String stage) {
        return waves.stream().filter(Wave::together).flatMap(w -> w.slots().stream()).filter(s -> s.stage().equals(stage))
            .findFirst();
    }
}
