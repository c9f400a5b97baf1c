package dev.lanes.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated spec: stages in an order where every input comes before its consumer.
 *
 * @param source where it was read from
 * @param digest SHA-256 of the spec text and the command-line overrides
 * @param quick  sizes and iterations were shrunk by {@code --quick}
 */
public record Workload(String name, String source, String digest, Settings settings, List<Stage> stages,
                       List<SweepAxis> sweep, boolean quick) {

    public Workload {
        stages = List.copyOf(stages);
        sweep = List.copyOf(sweep);
    }

    public Workload withSettings(Settings value) {
        return new Workload(name, source, digest, value, stages, sweep, quick);
    }

    public Optional<Stage> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every sweep point: the cartesian product of the axes, the first axis slowest. */
    public List<SweepPoint> points() {
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (SweepAxis axis : sweep) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> combo : combos) {
                for (Object value : axis.values()) {
                    Map<String, Object> extended = new LinkedHashMap<>(combo);
                    extended.put(axis.key(), value);
                    next.add(extended);
                }
            }
            combos = next;
        }
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            points.add(new SweepPoint(i, combos.get(i)));
        }
        return points;
    }
}
