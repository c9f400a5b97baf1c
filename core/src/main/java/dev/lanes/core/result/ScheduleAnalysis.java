package dev.lanes.core.result;

import dev.lanes.core.stats.Bootstrap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The concurrent schedule against the serial one at each sweep point of a concurrent run ({@link ScheduleRow}). */
final class ScheduleAnalysis {
    private ScheduleAnalysis() {
    }

    static List<ScheduleRow> rows(List<PointResult> points, List<ConcurrentPoint> concurrent) {
        List<ScheduleRow> rows = new ArrayList<>();
        for (ConcurrentPoint c : concurrent) {
            row(points, c).ifPresent(rows::add);
        }
        return rows;
    }

    private static java.util.Optional<ScheduleRow> row(List<PointResult> points, ConcurrentPoint c) {
        List<ScheduleRow.StageTime> stages = new ArrayList<>();
        List<ScheduleRow.SetTime> setTimes = new ArrayList<>();
        Map<String, Double> concurrentTimes = new HashMap<>();
        Map<String, List<String>> waits = new HashMap<>();
        double serial = 0;
        double concurrent = 0;
        int setNumber = 0;
        for (ConcurrentPoint.ReadySet set : c.sets()) {
            setNumber++;
            for (ConcurrentPoint.Member m : set.members()) {
                PointResult best = fastestSerial(points, m.stage(), c.point()).orElse(null);
                if (best == null) {
                    return java.util.Optional.empty();           // a member's serial measurement is missing: no comparison
                }
                double serialMedian = best.summary().medianNanos();
                double together = set.together() ? Bootstrap.median(m.samplesNanos().stream().mapToLong(Long::longValue).toArray())
                    : serialMedian;
                serial += serialMedian;
                concurrentTimes.put(m.stage(), together);
                waits.put(m.stage(), m.waitsFor());
                stages.add(new ScheduleRow.StageTime(m.stage(), setNumber, m.threads(), together, serialMedian,
                    best.key().labelWithThreads()));
            }
            double wall = set.together() ? Bootstrap.median(set.wallNanos().stream().mapToLong(Long::longValue).toArray())
                : set.members().stream().mapToDouble(m -> concurrentTimes.get(m.stage())).sum();
            concurrent += wall;
            setTimes.add(new ScheduleRow.SetTime(setNumber, set.members().stream().map(ConcurrentPoint.Member::stage).toList(),
                wall, set.together(), set.note()));
        }
        if (stages.isEmpty() || concurrent <= 0) {
            return java.util.Optional.empty();
        }
        List<String> path = new ArrayList<>();
        double pathNanos = criticalPath(stages, concurrentTimes, waits, path);
        return java.util.Optional.of(new ScheduleRow(c.point(), c.budget(), serial, concurrent, serial / concurrent, path,
            pathNanos, stages, setTimes));
    }

    /** The stage's serial measurement at this point with the lowest median (a stage no sweep reaches has no point). */
    private static java.util.Optional<PointResult> fastestSerial(List<PointResult> points, String stage, List<PointParam> at) {
        return points.stream().filter(p -> p.key().stage().equals(stage) && !p.source())
            .filter(p -> p.key().point().isEmpty() || p.key().point().equals(at))
            .min(java.util.Comparator.comparingDouble(p -> p.summary().medianNanos()));
    }

    /** The longest chain of waiting stages; the stages come in an order where every one follows those it waits for. */
    private static double criticalPath(List<ScheduleRow.StageTime> stages, Map<String, Double> nanos,
                                       Map<String, List<String>> waits, List<String> path) {
        Map<String, Double> finish = new HashMap<>();
        Map<String, String> via = new HashMap<>();
        String last = null;
        for (ScheduleRow.StageTime s : stages) {
            double start = 0;
            for (String before : waits.get(s.stage())) {
                Double f = finish.get(before);
                if (f != null && f > start) {
                    start = f;
                    via.put(s.stage(), before);
                }
            }
            finish.put(s.stage(), start + nanos.get(s.stage()));
            if (last == null || finish.get(s.stage()) > finish.get(last)) {
                last = s.stage();
            }
        }
        for (String at = last; at != null; at = via.get(at)) {
            path.addFirst(at);
        }
        return finish.get(last);
    }
}
