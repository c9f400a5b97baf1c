package dev.lanes.core.gate;

import dev.lanes.core.result.StageGate;

import java.util.List;

/**
 * One run of one spec (or one benchmark suite) as a gate sees it.
 *
 * @param machine     the machine in words, for messages
 * @param fingerprint results to compare must share it (another machine is refused unless allowed)
 * @param version     the tool and version that measured it, e.g. "lanes 0.1.0", "JMH 1.37"
 * @param complete    false for a run that was interrupted or failed
 * @param gates       the stages' own gate rules
 */
public record MeasuredRun(String spec, String machine, String fingerprint, String version, boolean complete,
                          List<StageGate> gates, List<MeasuredPoint> points) {

    public MeasuredRun {
        gates = List.copyOf(gates);
        points = List.copyOf(points);
    }

    /** A lanes result's measured points (its data stages are not benchmarks). */
    public static MeasuredRun of(dev.lanes.core.result.RunResult r) {
        var m = r.machine();
        List<MeasuredPoint> points = r.points().stream().filter(p -> !p.source())
            .map(p -> new MeasuredPoint(p.key(), p.kernel(), p.definition(), p.samplesByFork().stream()
                .map(f -> java.util.Arrays.stream(f).asDoubleStream().toArray()).toList()))
            .toList();
        return new MeasuredRun(r.spec().name(), m.cpuModel() + ", " + m.cores() + " cores, " + m.jvmVendor() + " "
            + m.jvmVersion(), m.fingerprint(), "lanes " + r.lanesVersion(), r.complete(), r.spec().gates(), points);
    }
}
