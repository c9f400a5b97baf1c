package dev.lanes.core.run;

import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.StageSize;
import dev.lanes.core.machine.Fingerprint;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.Estimate;
import dev.lanes.core.plan.Roofline;
import dev.lanes.core.result.Capability;
import dev.lanes.core.result.DeviceTimes;
import dev.lanes.core.result.Machine;
import dev.lanes.core.result.PlanEstimate;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.ProblemSize;
import dev.lanes.core.result.RoofShare;
import dev.lanes.core.result.RunSettings;
import dev.lanes.core.result.Verification;
import dev.lanes.core.spec.Settings;
import dev.lanes.core.spec.SweepPoint;

import java.util.List;

/**
 * The run's internal values as the result model's wire records: the one place where a
 * renamed internal field meets the file format, which keeps its own names.
 */
final class ResultRecords {
    private ResultRecords() {
    }

    static Machine machine(MachineInfo m) {
        return new Machine(m.cpuModel(), m.cores(), m.os(), m.arch(), m.maxHeapBytes(), m.jvmVendor(), m.jvmVersion(),
            m.jvmName(), m.jvmInfo(), capability(m.simd()), capability(m.gpu()), Fingerprint.of(m));
    }

    private static Capability capability(Availability a) {
        return new Capability(a.usable(), a.detail());
    }

    static RunSettings settings(Settings s) {
        return new RunSettings(s.warmup(), s.iterations(), s.minWarmupMillis(), s.threads(), s.verify(), s.backend().label(),
            s.stages().label());
    }

    static List<PointParam> point(SweepPoint point) {
        return point.values().entrySet().stream().map(e -> new PointParam(e.getKey(), e.getValue())).toList();
    }

    static ProblemSize size(StageSize size) {
        return new ProblemSize(size.name(), size.dims());
    }

    static Verification check(Check c) {
        return c == null ? null : new Verification(c.passed(), c.method(), c.error(), c.bound());
    }

    static DeviceTimes device(DevicePhases d) {
        return d == null ? null : new DeviceTimes(d.hostCopyNanos(), d.toDeviceNanos(), d.toDeviceBytes(), d.kernelNanos(),
            d.launches(), d.toHostNanos(), d.toHostBytes());
    }

    static PlanEstimate estimate(Estimate e) {
        return e == null ? null : new PlanEstimate(e.nanos(), e.bound(), e.computeNanos(), e.memoryNanos(), e.overheadNanos());
    }

    static RoofShare roof(Roofline roof, double measuredNanos) {
        String bound = roof.bound();
        return new RoofShare(roof.share(measuredNanos), bound, roof.ceiling(), bound.equals("ops") ? roof.opKind() : null,
            roof.gflops(), roof.gbps());
    }

    /**
     * Each member's share of a distributed measurement (its block range, median compute, bytes
     * each way) and the communication: per sample, the sample less its slowest member's compute.
     * {@code null} for a point that ran on one machine.
     */
    static dev.lanes.core.result.ClusterTimes cluster(long[] samples, dev.lanes.core.exec.ClusterLedger ledger) {
        List<List<dev.lanes.core.exec.ClusterLedger.Share>> runs = ledger == null ? List.of() : ledger.executions();
        if (runs.isEmpty() || runs.get(0).isEmpty()) {
            return null;
        }
        long[] roundTrips = ledger.roundTripNanos();
        List<dev.lanes.core.exec.ClusterLedger.Share> first = runs.get(0);
        List<dev.lanes.core.result.ClusterTimes.MemberWork> members = new java.util.ArrayList<>();
        for (int m = 0; m < first.size(); m++) {
            int at = m;
            long[] compute = runs.stream().mapToLong(r -> r.get(at).computeNanos()).toArray();
            var s = first.get(m);
            members.add(new dev.lanes.core.result.ClusterTimes.MemberWork(s.who().address(), s.pid(), s.who().host(),
                s.firstBlock(), s.endBlock(), s.elements(), median(compute), s.bytesOut(), s.bytesIn(),
                s.member() < roundTrips.length ? roundTrips[s.member()] : 0, ledger.setupNanos(s.member())));
        }
        long[] communication = new long[Math.min(samples.length, runs.size())];
        for (int i = 0; i < communication.length; i++) {
            long slowest = runs.get(i).stream().mapToLong(dev.lanes.core.exec.ClusterLedger.Share::computeNanos).max().orElse(0);
            communication[i] = Math.max(0, samples[i] - slowest);
        }
        boolean shared = first.stream().map(s -> s.who().host()).distinct().count() < first.size();
        return new dev.lanes.core.result.ClusterTimes(members, median(communication), shared, ledger.formationNanos(),
            false);
    }

    private static long median(long[] values) {
        return Math.round(dev.lanes.core.stats.Summary.of(values).medianNanos());
    }
}
