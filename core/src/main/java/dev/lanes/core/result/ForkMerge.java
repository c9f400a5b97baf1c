package dev.lanes.core.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Joins the runs of one spec made in several fresh JVMs ({@code --forks N}) into one
 * result: each point's samples in fork order with each fork's count kept, its summary,
 * rates and roof share from all of them, its workers' busy times summed, its phases' samples
 * joined as its samples are, and the derived rows computed again. Forks of one shard
 * ({@code --shard}) ran the same points in the same order: the first fork's share stands for all.
 */
public final class ForkMerge {
    private ForkMerge() {
    }

    /** @param forks the runs of one spec, one per JVM, in the order they ran */
    public static RunResult merge(List<RunResult> forks) {
        RunResult first = forks.get(0);
        Map<PointKey, List<PointResult>> byKey = new LinkedHashMap<>();
        for (RunResult fork : forks) {
            for (PointResult p : fork.points()) {
                byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
            }
        }
        List<PointResult> points = byKey.values().stream().map(ForkMerge::point).toList();
        boolean complete = forks.stream().allMatch(RunResult::complete);
        return new RunResult(first.schema(), complete, first.lanesVersion(), first.startedAt(), first.machine(),
            first.calibration(), first.spec(), points, Analysis.derive(points, first.spec().weak(), first.calibration(),
                first.spec().quick()), forks.stream().flatMap(f -> f.failures().stream()).distinct().toList(), List.of(),
            first.shard(), List.of());
    }

    private static PointResult point(List<PointResult> forks) {
        PointResult first = forks.get(0);
        List<Long> samples = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> gc = new ArrayList<>();
        List<DeviceTimes> device = new ArrayList<>();
        LinkedHashSet<String> notes = new LinkedHashSet<>();
        long[] busy = new long[first.workerBusyNanos().size()];
        for (PointResult f : forks) {
            int offset = samples.size();
            f.gcSamples().forEach(i -> gc.add(i + offset));
            samples.addAll(f.samplesNanos());
            sizes.add(f.samplesNanos().size());
            device.addAll(f.deviceSamples());
            notes.addAll(f.notes());
            for (int i = 0; i < Math.min(busy.length, f.workerBusyNanos().size()); i++) {
                busy[i] += f.workerBusyNanos().get(i);
            }
        }
        SampleSummary summary = SampleSummary.of(samples.stream().mapToLong(Long::longValue).toArray());
        RoofShare roof = first.roof() == null ? null : first.roof().withShare(first.roof().share()
            * first.summary().medianNanos() / summary.medianNanos());
        Verification check = forks.stream().map(PointResult::check).filter(c -> c != null && !c.passed()).findFirst()
            .orElse(first.check());
        return new PointResult(first.key(), first.kernel(), first.definition(), first.source(), first.size(), first.elements(),
            first.flops(), first.bytesMoved(), samples, forks.size() > 1 ? sizes : List.of(), gc, summary,
            Throughput.of(first.elements(), first.flops(), first.bytesMoved(), summary.medianNanos()), roof, first.estimate(),
            check, first.checksum(), first.output(), first.device(), device, java.util.Arrays.stream(busy).boxed().toList(),
            phases(forks), processCpu(forks), List.copyOf(notes), first.cluster());
    }

    /** The processes' CPU times of every fork in order, when every fork has them. */
    private static ProcessCpu processCpu(List<PointResult> forks) {
        if (forks.stream().anyMatch(f -> f.processCpu() == null)) {
            return null;
        }
        return new ProcessCpu(forks.stream().flatMap(f -> f.processCpu().userNanos().stream()).toList(),
            forks.stream().flatMap(f -> f.processCpu().systemNanos().stream()).toList());
    }

    /** Each phase the first fork timed, its samples from every fork in order; a phase some fork lacks is left out. */
    private static List<PhaseSamples> phases(List<PointResult> forks) {
        List<PhaseSamples> joined = new ArrayList<>();
        for (PhaseSamples phase : forks.get(0).phases()) {
            List<Long> samples = new ArrayList<>();
            for (PointResult f : forks) {
                f.phases().stream().filter(q -> q.name().equals(phase.name())).findFirst()
                    .ifPresent(q -> samples.addAll(q.samplesNanos()));
            }
            if (samples.size() == forks.stream().mapToInt(f -> f.samplesNanos().size()).sum()) {
                joined.add(new PhaseSamples(phase.name(), samples));
            }
        }
        return joined;
    }
}
